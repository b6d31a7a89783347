using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace CreateOs.Core.Wallet
{
    /// <summary>Turns a SecureString password into UTF-8 bytes for a KDF, leaving no managed string copy behind.</summary>
    public static class SecureStrings
    {
        /// <summary>The caller owns the returned bytes and must zero them (Array.Clear) after use.</summary>
        public static byte[] ToUtf8Bytes(SecureString secure)
        {
            if (secure is null) throw new ArgumentNullException(nameof(secure));
            var pointer = IntPtr.Zero;
            var chars = new char[secure.Length];
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                Marshal.Copy(pointer, chars, 0, chars.Length);
                return Encoding.UTF8.GetBytes(chars);
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}

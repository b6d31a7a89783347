using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace CreateOs.Core.Wallet
{
    /// <summary>Turns a <see cref="SecureString"/> into the UTF-8 bytes keystores use, leaving no managed string behind.</summary>
    public static class PasswordBytes
    {
        /// <summary>UTF-8 bytes of the password. The caller must zero the result (Array.Clear) when done.</summary>
        public static byte[] FromSecureString(SecureString password)
        {
            if (password is null) throw new ArgumentNullException(nameof(password));
            IntPtr unmanaged = IntPtr.Zero;
            var chars = new char[password.Length];
            try
            {
                unmanaged = Marshal.SecureStringToGlobalAllocUnicode(password);
                Marshal.Copy(unmanaged, chars, 0, chars.Length);
                return new UTF8Encoding(false, true).GetBytes(chars);
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
                if (unmanaged != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            }
        }
    }
}

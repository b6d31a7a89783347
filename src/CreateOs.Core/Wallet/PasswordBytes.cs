using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace CreateOs.Core.Wallet
{
    /// <summary>Turns a <see cref="SecureString"/> into the UTF-8 bytes keystores use, leaving no managed string behind.</summary>
    public static class PasswordBytes
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

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
                return StrictUtf8.GetBytes(chars);
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
                if (unmanaged != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            }
        }

        /// <summary>
        /// The UTF-8 bytes of NFKC(password), the form ethers v6 encrypts with, when they differ from the raw bytes; null
        /// when they do not (ASCII is always NFKC), when the bytes are not UTF-8 or when the platform cannot normalise.
        /// The caller must zero the result. The strings normalisation needs are wiped before they are let go.
        /// </summary>
        internal static byte[]? NfkcVariant(byte[] utf8Password)
        {
            if (utf8Password is null) throw new ArgumentNullException(nameof(utf8Password));
            if (Array.TrueForAll(utf8Password, b => b < 0x80)) return null;
            char[] chars;
            try { chars = StrictUtf8.GetChars(utf8Password); }
            catch (ArgumentException) { return null; } // not UTF-8: no text to normalise
            string? original = null, normalized = null;
            try
            {
                original = new string(chars);
                normalized = original.Normalize(NormalizationForm.FormKC);
                return string.Equals(original, normalized, StringComparison.Ordinal) ? null : StrictUtf8.GetBytes(normalized);
            }
            catch (Exception e) when (e is ArgumentException || e is PlatformNotSupportedException)
            {
                return null;
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
                Wipe(original);
                if (!ReferenceEquals(normalized, original)) Wipe(normalized);
            }
        }

        // Strings are immutable to everyone else; these two were made here, are not interned and are never used again.
        private static unsafe void Wipe(string? text)
        {
            if (string.IsNullOrEmpty(text)) return;
            fixed (char* p = text)
            {
                for (int i = 0; i < text!.Length; i++) p[i] = '\0';
            }
        }
    }
}

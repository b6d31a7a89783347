using System;
using System.Reflection;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace CreateOs.Core.Wallet
{
    /// <summary>
    /// PBKDF2-HMAC-SHA256. On .NET 6+ it calls the platform's Rfc2898DeriveBytes.Pbkdf2 (found by reflection, since
    /// netstandard2.0 does not expose it), about 3× faster than BouncyCastle; elsewhere BouncyCastle's generator.
    /// </summary>
    internal static class Pbkdf2
    {
        private static readonly MethodInfo? PlatformPbkdf2 = FindPlatformPbkdf2();

        internal static byte[] DeriveSha256(byte[] password, byte[] salt, int iterations, int length)
        {
            // Few iterations (scrypt's own PBKDF2 steps use one): not worth loading the platform's crypto stack.
            if (PlatformPbkdf2 != null && iterations >= 1024)
            {
                try
                {
                    return (byte[])PlatformPbkdf2.Invoke(null, new object[] { password, salt, iterations, HashAlgorithmName.SHA256, length })!;
                }
                catch (TargetInvocationException)
                {
                    // e.g. a platform policy refusing the parameters; the portable implementation below still works
                }
            }
            return DeriveSha256Portable(password, salt, iterations, length);
        }

        internal static byte[] DeriveSha256Portable(byte[] password, byte[] salt, int iterations, int length)
        {
            var generator = new Pkcs5S2ParametersGenerator(new Sha256Digest());
            generator.Init(password, salt, iterations);
            var parameter = (KeyParameter)generator.GenerateDerivedMacParameters(length * 8);
            return parameter.GetKey();
        }

        private static MethodInfo? FindPlatformPbkdf2()
        {
            try
            {
                return typeof(Rfc2898DeriveBytes).GetMethod("Pbkdf2", BindingFlags.Public | BindingFlags.Static, null,
                    new[] { typeof(byte[]), typeof(byte[]), typeof(int), typeof(HashAlgorithmName), typeof(int) }, null);
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}

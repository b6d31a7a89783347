using System;

namespace CreateOs.Core.Wallet
{
    /// <summary>The keystore file is malformed or uses something unsupported. <see cref="Field"/> names the offending field, e.g. "crypto.kdfparams.n".</summary>
    public sealed class KeystoreFormatException : KeystoreException
    {
        public KeystoreFormatException(string field, string problem, Exception? innerException = null)
            : base($"Invalid keystore field '{field}': {problem}", innerException)
        {
            Field = field;
        }

        public string Field { get; }
    }
}

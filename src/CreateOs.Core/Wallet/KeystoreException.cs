using System;

namespace CreateOs.Core.Wallet
{
    /// <summary>Base type of keystore errors. Messages never contain a password or key material.</summary>
    public abstract class KeystoreException : Exception
    {
        protected KeystoreException(string message, Exception? innerException = null) : base(message, innerException) { }
    }
}

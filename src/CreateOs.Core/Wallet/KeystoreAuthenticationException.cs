namespace CreateOs.Core.Wallet
{
    /// <summary>The MAC did not match: wrong password (or a corrupted file). Nothing was decrypted.</summary>
    public sealed class KeystoreAuthenticationException : KeystoreException
    {
        public KeystoreAuthenticationException()
            : base("MAC mismatch: wrong password or corrupt keystore.") { }
    }
}

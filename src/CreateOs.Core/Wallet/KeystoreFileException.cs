namespace CreateOs.Core.Wallet
{
    /// <summary>The path does not hold something that can be a keystore (not a regular file, empty, or too large); nothing was read.</summary>
    public sealed class KeystoreFileException : KeystoreException
    {
        public KeystoreFileException(string message) : base(message) { }
    }
}

namespace CreateOs.Core.Models
{
    /// <summary>A keystore file written by New-CreateOsWallet: its public address and where it is. Never the key.</summary>
    public sealed class WalletFile
    {
        public string Address { get; set; } = "";
        public string Path { get; set; } = "";

        public override string ToString() => Address;
    }
}

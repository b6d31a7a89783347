namespace CreateOs.Core.Models
{
    /// <summary>A keystore file written by New-CreateOsWallet: its public address and where it is. Never the key.</summary>
    public sealed class WalletFile
    {
        public string Address { get; set; } = "";
        /// <summary><see cref="Address"/> under the name the balance and wallet cmdlets bind by.</summary>
        [Newtonsoft.Json.JsonIgnore] public string WalletAddress => Address;
        public string Path { get; set; } = "";

        public override string ToString() => Address;
    }
}

using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;
using CreateOs.Core.Wallet;

namespace CreateOs.Commands.Wallet
{
    /// <summary>
    /// <para type="synopsis">Creates a new Ethereum key and saves it as an encrypted keystore file (Web3 Secret Storage v3).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CreateOsWallet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WalletFile))]
    public sealed class NewCreateOsWalletCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter(Mandatory = true)]
        public SecureString Password { get; set; } = null!;

        /// <summary>Faster, weaker key derivation (scrypt n=4096, r=8, p=6) for throwaway test wallets.</summary>
        [Parameter]
        public SwitchParameter Light { get; set; }

        /// <summary>Replaces an existing file at -Path.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Also connects the new wallet to the session.</summary>
        [Parameter]
        public SwitchParameter Connect { get; set; }

        protected override string ErrorNoun => "Wallet";

        /// <summary>Below this, a new (non -Light) wallet gets a warning: the keystore is then only as strong as a short password.</summary>
        private const int RecommendedPasswordLength = 8;

        protected override void ProcessRecord()
        {
            var path = FileSystemPath.Resolve(this, Path);
            if (Directory.Exists(path))
            {
                WriteFailure(new IOException($"{path} is a folder; give the new keystore's file name, for example {System.IO.Path.Combine(path, "wallet.json")}."), path);
                return;
            }
            if (File.Exists(path) && !Force)
            {
                WriteFailure(new IOException($"{path} already exists; a keystore is never overwritten without -Force (it may hold the only copy of a key)."), path);
                return;
            }
            if (Password.Length == 0)
            {
                WriteFailure(new ArgumentException("The password is empty: a keystore encrypted with an empty password gives its key to anyone who gets the file. Choose a password (Read-Host -AsSecureString).", nameof(Password)), path);
                return;
            }
            if (!ShouldProcess(path, "Create a new wallet keystore")) return;
            if (Password.Length < RecommendedPasswordLength && !Light)
                WriteWarning($"The password has {Password.Length} characters; the keystore is only as safe as its password once someone has the file. {RecommendedPasswordLength} or more are recommended.");

            TryInvoke(path, () =>
            {
                var key = EthereumKey.Generate();
                var password = PasswordBytes.FromSecureString(Password);
                try
                {
                    WriteVerbose($"Encrypting the new key with scrypt ({(Light ? "light" : "standard")} parameters)...");
                    var json = Await(_ => System.Threading.Tasks.Task.Run(() => Keystore.Encrypt(key, password, Light ? KeystoreEncryptionOptions.Light : KeystoreEncryptionOptions.Standard)));
                    KeystoreFile.Write(path, json, Force);
                    var address = key.Address.ToChecksumString();
                    if (Connect)
                    {
                        ActiveSession.ConnectWallet(key, path, new System.Text.UTF8Encoding(false).GetBytes(json));
                        key = null;
                    }
                    WriteObject(new WalletFile { Address = address, Path = path });
                }
                finally
                {
                    Array.Clear(password, 0, password.Length);
                    key?.Dispose();
                }
            });
        }
    }
}

using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core;
using CreateOs.Core.Wallet;

namespace CreateOs.Commands.Wallet
{
    /// <summary>
    /// <para type="synopsis">Unlocks an encrypted keystore and connects its wallet to the session, to pay for deployments.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "CreateOsWallet")]
    [OutputType(typeof(CreateOsSession))]
    public sealed class ConnectCreateOsWalletCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "KeystorePath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter(Mandatory = true)]
        public SecureString Password { get; set; } = null!;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string ErrorNoun => "Wallet";

        protected override void ProcessRecord()
        {
            // A wrong budget in the environment stops the connection before the keystore is even read.
            if (!TryInvoke(null, () => ActiveSession.LoadBudgetsFromEnvironment())) return;
            var path = FileSystemPath.Resolve(this, Path);
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                WriteFailure(new FileNotFoundException($"No keystore file at {path}."), path);
                return;
            }
            TryInvoke(path, () =>
            {
                // Type and size are checked before a byte is read: a FIFO, /dev/zero or a huge file is refused at once.
                var bytes = KeystoreFile.ReadBytes(path);
                var json = KeystoreFile.DecodeText(bytes);
                var password = PasswordBytes.FromSecureString(Password);
                try
                {
                    WriteVerbose("Decrypting the keystore (scrypt takes about a second)...");
                    var key = Await(_ => System.Threading.Tasks.Task.Run(() => Keystore.Decrypt(json, password)));
                    ActiveSession.ConnectWallet(key, path, bytes);
                    WriteVerbose($"Wallet {ActiveSession.WalletAddress} connected.");
                }
                finally
                {
                    Array.Clear(password, 0, password.Length);
                }
                if (PassThru) WriteObject(ActiveSession);
            });
        }
    }
}

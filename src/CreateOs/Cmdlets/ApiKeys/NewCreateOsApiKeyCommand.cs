using System;
using System.Management.Automation;
using System.Security;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.ApiKeys
{
    /// <summary>
    /// <para type="synopsis">Creates an API key. Its secret is shown only now: as a SecureString, or as text with -AsPlainText.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CreateOsApiKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(NewApiKey))]
    public sealed class NewCreateOsApiKeyCommand : CreateOsCmdlet
    {
        /// <summary>4–48 letters, digits and hyphens.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public string Name { get; set; } = "";

        /// <summary>When the key stops working; must be in the future.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public DateTime ExpiresAt { get; set; }

        /// <summary>4–2048 letters, digits, spaces, '_' and '-'.</summary>
        [Parameter]
        public string? Description { get; set; }

        /// <summary>Also put the secret in PlainTextSecret (it is in the output, and so in transcripts and history).</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override string ErrorNoun => "ApiKey";

        protected override void ProcessRecord()
        {
            var expiresAt = ExpiresAt.Kind == DateTimeKind.Utc ? new DateTimeOffset(ExpiresAt) : new DateTimeOffset(DateTime.SpecifyKind(ExpiresAt, DateTimeKind.Local));
            if (!TryInvoke(Name, () => ApiKeysApi.Validate(Name, Description, expiresAt, DateTimeOffset.UtcNow))) return;
            if (!ShouldProcess($"API key '{Name}' expiring {expiresAt:u}", "Create")) return;
            var api = Api;
            TryInvoke(Name, () =>
            {
                var (id, secret) = Await(ct => api.ApiKeys.CreateAsync(Name, expiresAt, Description, ct));
                var secure = new SecureString();
                foreach (var c in secret) secure.AppendChar(c);
                secure.MakeReadOnly();
                WriteObject(new NewApiKey
                {
                    Id = id,
                    Name = Name,
                    Description = Description,
                    ExpiresAt = expiresAt,
                    Secret = secure,
                    PlainTextSecret = AsPlainText ? secret : null,
                });
            });
        }
    }
}

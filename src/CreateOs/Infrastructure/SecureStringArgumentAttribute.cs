using System.Management.Automation;
using System.Security;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>
    /// On a SecureString parameter: a plain string is refused with the ways to pass a secret (Read-Host -AsSecureString,
    /// SecretManagement's Get-Secret, an environment variable) instead of PowerShell's bare "cannot convert" message.
    /// </summary>
    public sealed class SecureStringArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string)
                throw new ArgumentTransformationMetadataException(
                    "The API key must be a SecureString, not plain text (which would stay readable in memory and in the history). " +
                    "Use -ApiKey (Read-Host -AsSecureString 'CreateOS API key'), -ApiKey (Get-Secret CreateOsApiKey) with SecretManagement, " +
                    "or set $env:CREATEOS_API_KEY and leave -ApiKey out.");
            return value as SecureString ?? inputData;
        }
    }
}

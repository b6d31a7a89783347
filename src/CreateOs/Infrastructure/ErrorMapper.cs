using System;
using System.Management.Automation;
using CreateOs.Core;
using CreateOs.Core.Api;
using CreateOs.Core.Http;
using CreateOs.Core.Validation;
using CreateOs.Core.Wallet;
using CreateOs.Core.Chain;
using CreateOs.Core.Gateway;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>
    /// Turns core failures into ErrorRecords with a stable id (<c>CreateOs.ProjectNotFound</c>), a category, the failing
    /// item as target and a recommended action — never a .NET stack dump.
    /// </summary>
    internal static class ErrorMapper
    {
        /// <summary>
        /// The record for <paramref name="exception"/>; with <paramref name="command"/>, a value the core rejects under
        /// another name than the parameter the user typed (New-CreateOsProject -Name, whose alias is the core's UniqueName)
        /// is reported under that parameter.
        /// </summary>
        public static ErrorRecord ToErrorRecord(Exception exception, string noun, object? target, CommandInfo? command = null)
        {
            var validation = exception as ValidationException;
            var parameter = validation is null ? null : ParameterNamed(command, validation.Field);
            var (condition, category, action) = Classify(exception, parameter);
            var message = parameter is null ? MessageOf(exception) : Renamed(MessageOf(exception), validation!.Field, parameter);
            var record = new ErrorRecord(exception, $"CreateOs.{noun}{condition}", category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = ServerText.Clean(action, singleLine: true) },
            };
            return record;
        }

        /// <summary>The command's parameter that <paramref name="field"/> names as an alias, when that is not its own name.</summary>
        private static string? ParameterNamed(CommandInfo? command, string field)
        {
            if (command is null || string.IsNullOrEmpty(field)) return null;
            try
            {
                foreach (var parameter in command.Parameters.Values)
                {
                    if (string.Equals(parameter.Name, field, StringComparison.OrdinalIgnoreCase)) return null;
                    foreach (var alias in parameter.Aliases)
                        if (string.Equals(alias, field, StringComparison.OrdinalIgnoreCase)) return parameter.Name;
                }
            }
            catch (Exception e) when (e is InvalidOperationException || e is RuntimeException)
            {
                // A command whose metadata cannot be read keeps the core's name; the message stays right, only less apt.
            }
            return null;
        }

        /// <summary>"UniqueName 'x y' may contain … (Parameter 'UniqueName')" as "Name 'x y' may contain … (Parameter 'Name')".</summary>
        private static string Renamed(string message, string field, string parameter)
        {
            var suffix = $" (Parameter '{field}')";
            var renamed = message.EndsWith(suffix, StringComparison.Ordinal) ? message.Substring(0, message.Length - suffix.Length) + $" (Parameter '{parameter}')" : message;
            return renamed.StartsWith(field + " ", StringComparison.Ordinal) ? parameter + renamed.Substring(field.Length) : renamed;
        }

        /// <summary>Failures that stop the whole command rather than one item: no session, bad credentials.</summary>
        public static bool IsTerminating(Exception exception) =>
            exception is NotConnectedException || exception is WalletNotConnectedException || exception is KeystoreAuthenticationException
            || exception is BudgetConfigurationException || exception is InsecureTransportException
            || (exception is ApiException api && api.Status == 401 && !api.IsGateway);

        /// <summary>What the user reads: never a terminal control sequence, whatever text the server put in it.</summary>
        public static string MessageOf(Exception exception) => ServerText.Clean(exception switch
        {
            ApiException api when api.Kind == ApiFailureKind.ServiceError && api.ServiceMessage != null =>
                api.ServiceMessage + $" (HTTP {api.Status}{(api.RequestId is null ? "" : ", request id " + api.RequestId)})",
            _ => exception.Message,
        });

        /// <summary>Id, category and recommended action of <paramref name="exception"/>; <paramref name="parameter"/> is, for a
        /// <see cref="ValidationException"/>, the parameter its field is an alias of (null: the field is the parameter).</summary>
        private static (string Condition, ErrorCategory Category, string Action) Classify(Exception exception, string? parameter)
        {
            switch (exception)
            {
                case NotConnectedException:
                    return ("NotConnected", ErrorCategory.AuthenticationError, "Run Connect-CreateOs -ApiKey <key> (or -Credential), or pass -Session.");
                case WalletNotConnectedException:
                    return ("WalletNotConnected", ErrorCategory.AuthenticationError, "Run Connect-CreateOsWallet -Path <keystore> -Password <SecureString>, or New-CreateOsWallet to create one.");
                case KeystoreAuthenticationException:
                    return ("PasswordIncorrect", ErrorCategory.AuthenticationError, "Check the keystore password; nothing was decrypted.");
                case KeystoreFormatException:
                    return ("KeystoreInvalid", ErrorCategory.InvalidData, "The file is not a readable Ethereum keystore (v3); check the path and the field named in the message.");
                case KeystoreException:
                    return ("KeystoreInvalid", ErrorCategory.InvalidData, "The keystore could not be used; see the message.");
                case PaymentRefusedException refused:
                    switch (refused.Reason)
                    {
                        case PaymentRefusal.OverCap:
                            return ("PaymentOverCap", ErrorCategory.QuotaExceeded, "Raise -MaxPaymentUsd (or the session's MaxPaymentUsd) if you mean to pay this price.");
                        case PaymentRefusal.OverBudget:
                            return ("PaymentOverBudget", ErrorCategory.QuotaExceeded, "Wait until earlier payments leave the window, or raise (Get-CreateOsContext).DailyBudgetUsd / MonthlyBudgetUsd if you mean to pay more.");
                        default:
                            return ("PaymentRefused", ErrorCategory.SecurityError, "The quote failed a safety check; nothing was signed. See the message.");
                    }
                case WalletShortfallException:
                    return ("InsufficientFunds", ErrorCategory.QuotaExceeded, "Fund the wallet with the missing amount on that chain (on a sandbox: POST /sandbox/fund), then run the command again.");
                case PaymentPendingException pending:
                    return ("PaymentPending", ErrorCategory.OperationTimeout, $"Run Resume-MppDeploy -Id {pending.Record.Id} later; the payment is journaled and will not be sent again.");
                case PaymentExpiredException:
                    return ("PaymentExpired", ErrorCategory.OperationTimeout, "Nothing was paid: the authorization expired unused. Run Invoke-MppDeploy again to decide on a new payment.");
                case PaymentRevertedException:
                    return ("PaymentReverted", ErrorCategory.InvalidResult, "No tokens moved. Check the token balance and run Invoke-MppDeploy again to pay anew.");
                case PaymentReconcileException reconcile:
                    return ("PaymentNotAccepted", ErrorCategory.ResourceUnavailable, $"Run Resume-MppDeploy -Id {reconcile.Record.Id} later (the same payment is reused), or inspect Get-MppPayment -Id {reconcile.Record.Id}.");
                case PaymentNotConfirmedException:
                    return ("PaymentNotConfirmed", ErrorCategory.OperationStopped, "Add -Force to pay without the prompt (the cap still applies), or run the command where you can answer it.");
                case PaymentUnfinishedElsewhereException elsewhere:
                    return ("PaymentUnfinishedElsewhere", ErrorCategory.ResourceExists, $"Finish payment {elsewhere.Record.Id} from its journal folder first: (Get-CreateOsContext).PaymentJournalDirectory = '{elsewhere.Directory}'; Resume-MppDeploy -Id {elsewhere.Record.Id}.");
                case ProjectAlreadyDeployedException:
                    return ("AlreadyDeployed", ErrorCategory.ResourceExists, "Remove the project with Remove-MppProject, or deploy under another -Name.");
                case DeploymentFailedException:
                    return ("DeploymentFailed", ErrorCategory.InvalidResult, "Check the app (port, start command); fix it and deploy again.");
                case GatewayProtocolException:
                    return ("GatewayProtocol", ErrorCategory.InvalidResult, "The gateway answered in an unexpected way; nothing was paid on it.");
                case CreateOs.Core.Packaging.PackagingException:
                    return ("PackagingFailed", ErrorCategory.InvalidData, "Fix the folder as the message says (exclude large or outside files); nothing was sent.");
                case InsufficientFundsException:
                    return ("InsufficientFunds", ErrorCategory.QuotaExceeded, "Fund the wallet on a supported chain (or, on a sandbox, POST /sandbox/fund), then run the command again.");
                case GasCostCeilingExceededException:
                    return ("GasCeilingExceeded", ErrorCategory.LimitsExceeded, "Gas is unusually expensive right now; try later, or raise the ceiling deliberately.");
                case ChainIdMismatchException:
                    return ("WrongChain", ErrorCategory.SecurityError, "The RPC endpoint serves another chain; check the session's ChainRpcUris (Get-CreateOsContext). Nothing was signed.");
                case TokenNotAllowedException:
                    return ("TokenNotAllowed", ErrorCategory.SecurityError, "Choose a pinned token and chain (Get-MppChain); nothing was signed.");
                case ChainNotAvailableException:
                    return ("ChainNotAvailable", ErrorCategory.ResourceUnavailable, "Nothing was sent to any chain. Use a chain the session has an RPC endpoint for (Get-CreateOsContext | Select-Object -ExpandProperty ChainRpcUris), or name one with Connect-CreateOs -ChainRpcUri.");
                case InsecureTransportException:
                    return ("InsecureTransport", ErrorCategory.SecurityError, "Use an https:// address; plain http:// is accepted only for this machine, or with Connect-CreateOs -AllowInsecureTransport on a network you trust. Nothing was sent.");
                case BudgetConfigurationException:
                    return ("BudgetInvalid", ErrorCategory.InvalidArgument, "Fix or remove the environment variable named in the message, then connect again. Nothing was paid.");
                case RpcTimeoutException:
                    return ("ChainTimeout", ErrorCategory.OperationTimeout, "The chain's RPC endpoint did not answer in time; try again, or raise (Get-CreateOsContext).RpcTimeout. A payment already sent is journaled and is never sent twice.");
                case JsonRpcException:
                    return ("ChainRequestFailed", ErrorCategory.InvalidResult, "The chain refused the request; see the message.");
                case EthRpcException:
                    return ("ChainUnavailable", ErrorCategory.ConnectionError, "Check the chain's RPC endpoint (Get-CreateOsContext) and the network.");
                case System.IO.IOException:
                    return ("FileError", ErrorCategory.WriteError, "Check the path; use -Force only if you mean to replace the file.");
                case WrongStateException wrongState:
                    return ("InvalidState", ErrorCategory.InvalidOperation, wrongState.RecommendedAction);
                case FailedDeploymentException:
                    return ("DeploymentFailed", ErrorCategory.InvalidResult, "Read the whole build log with Get-CreateOsDeploymentLog -Build, fix the cause and publish again.");
                case ValidationException validation:
                    return ("InvalidArgument", ErrorCategory.InvalidArgument, $"Correct -{parameter ?? validation.Field} and run the command again; nothing was sent.");
                case ArgumentException:
                    return ("InvalidArgument", ErrorCategory.InvalidArgument, "Correct the argument and run the command again; nothing was sent.");
                case ApiException api:
                    return ClassifyApi(api);
                case TimeoutException:
                    return ("Timeout", ErrorCategory.OperationTimeout, "Try again, or raise the session's timeout with Connect-CreateOs -TimeoutSec.");
                default:
                    return ("Failed", ErrorCategory.NotSpecified, "See the error message; run with -Verbose for details.");
            }
        }

        private static (string, ErrorCategory, string) ClassifyApi(ApiException api)
        {
            switch (api.Kind)
            {
                case ApiFailureKind.Connection:
                    return ("ConnectionFailed", ErrorCategory.ConnectionError, "Check the network, the proxy and the session's API URI (Get-CreateOsContext).");
                case ApiFailureKind.Timeout:
                    return ("Timeout", ErrorCategory.OperationTimeout, "Try again, or raise the session's timeout with Connect-CreateOs -TimeoutSec.");
                case ApiFailureKind.InvalidResponse:
                    return ("InvalidResponse", ErrorCategory.InvalidResult, "The service answered in an unexpected shape; report it with the request id.");
            }
            switch (api.Status)
            {
                case 400: return ("InvalidArgument", ErrorCategory.InvalidArgument, "Correct the request as the message says.");
                case 401: return ("AuthenticationFailed", ErrorCategory.AuthenticationError, "Check the API key, then run Connect-CreateOs again.");
                case 403: return ("AccessDenied", ErrorCategory.PermissionDenied, "The resource belongs to another account, or the account is suspended.");
                case 404: return ("NotFound", ErrorCategory.ObjectNotFound, "Check the id or name; list what exists with the matching Get- cmdlet.");
                case 409: return ("AlreadyExists", ErrorCategory.ResourceExists, "Choose another name, or use the existing resource.");
                case 422: return ("InvalidState", ErrorCategory.InvalidOperation, "The resource is not in a state that allows this; check its Status.");
                case 429: return ("QuotaExceeded", ErrorCategory.LimitsExceeded, "A quota or rate limit was reached; see Get-CreateOsQuota, remove unused resources or wait.");
                default:
                    return api.Status >= 500
                        ? ("ServiceUnavailable", ErrorCategory.ResourceUnavailable, "The service failed; try again later.")
                        : ("RequestFailed", ErrorCategory.NotSpecified, "See the error message.");
            }
        }
    }
}

using System;
using System.Management.Automation;
using CreateOs.Core;
using CreateOs.Core.Http;
using CreateOs.Core.Validation;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>
    /// Turns core failures into ErrorRecords with a stable id (<c>CreateOs.ProjectNotFound</c>), a category, the failing
    /// item as target and a recommended action — never a .NET stack dump.
    /// </summary>
    internal static class ErrorMapper
    {
        public static ErrorRecord ToErrorRecord(Exception exception, string noun, object? target)
        {
            var (condition, category, action) = Classify(exception);
            var record = new ErrorRecord(exception, $"CreateOs.{noun}{condition}", category, target)
            {
                ErrorDetails = new ErrorDetails(MessageOf(exception)) { RecommendedAction = action },
            };
            return record;
        }

        /// <summary>Failures that stop the whole command rather than one item: no session, bad credentials.</summary>
        public static bool IsTerminating(Exception exception) =>
            exception is NotConnectedException || (exception is ApiException api && api.Status == 401);

        public static string MessageOf(Exception exception) => exception switch
        {
            ApiException api when api.Kind == ApiFailureKind.ServiceError && api.ServiceMessage != null =>
                api.ServiceMessage + $" (HTTP {api.Status}{(api.RequestId is null ? "" : ", request id " + api.RequestId)})",
            _ => exception.Message,
        };

        private static (string Condition, ErrorCategory Category, string Action) Classify(Exception exception)
        {
            switch (exception)
            {
                case NotConnectedException:
                    return ("NotConnected", ErrorCategory.AuthenticationError, "Run Connect-CreateOs -ApiKey <key> (or -Credential), or pass -Session.");
                case ValidationException validation:
                    return ("InvalidArgument", ErrorCategory.InvalidArgument, $"Correct -{validation.Field} and run the command again; nothing was sent.");
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

using System;
using System.Collections.Generic;

namespace CreateOs.Core.Api
{
    /// <summary>A resource is not in a state that allows the operation; detected before any mutating request.</summary>
    public sealed class WrongStateException : InvalidOperationException
    {
        public WrongStateException(string message, string currentState, string recommendedAction)
            : base(message)
        {
            CurrentState = currentState;
            RecommendedAction = recommendedAction;
        }

        public string CurrentState { get; }
        public string RecommendedAction { get; }
    }

    /// <summary>A build or rollout that ended in a failure state, with the last lines of its build log.</summary>
    public sealed class FailedDeploymentException : Exception
    {
        public FailedDeploymentException(Models.Deployment deployment, IReadOnlyList<string> lastLogLines)
            : base(Describe(deployment, lastLogLines))
        {
            Deployment = deployment;
            LastLogLines = lastLogLines;
        }

        public Models.Deployment Deployment { get; }
        public IReadOnlyList<string> LastLogLines { get; }

        private static string Describe(Models.Deployment deployment, IReadOnlyList<string> lines)
        {
            var text = $"Deployment {deployment.Id} ended in status '{deployment.Status}'"
                + (string.IsNullOrEmpty(deployment.CancelReason) ? "." : $" ({deployment.CancelReason}).");
            if (lines.Count > 0) text += " Last build log lines:" + Environment.NewLine + string.Join(Environment.NewLine, lines);
            return text;
        }
    }
}

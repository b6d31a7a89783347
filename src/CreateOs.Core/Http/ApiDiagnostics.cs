using System;
using System.Threading;

namespace CreateOs.Core.Http
{
    /// <summary>
    /// Where the core reports what it is doing (requests, retries) while a command runs. The cmdlet sets a listener
    /// for the duration of its call; it flows with the async call, so concurrent commands never see each other's.
    /// Messages never contain credentials.
    /// </summary>
    public static class ApiDiagnostics
    {
        private static readonly AsyncLocal<Action<DiagnosticLevel, string>?> Listener = new AsyncLocal<Action<DiagnosticLevel, string>?>();

        public static IDisposable Listen(Action<DiagnosticLevel, string> listener)
        {
            var previous = Listener.Value;
            Listener.Value = listener;
            return new Restore(previous);
        }

        public static void Verbose(string message) => Listener.Value?.Invoke(DiagnosticLevel.Verbose, message);

        public static void Debug(string message) => Listener.Value?.Invoke(DiagnosticLevel.Debug, message);

        public static void Warning(string message) => Listener.Value?.Invoke(DiagnosticLevel.Warning, message);

        private sealed class Restore : IDisposable
        {
            private readonly Action<DiagnosticLevel, string>? _previous;
            public Restore(Action<DiagnosticLevel, string>? previous) => _previous = previous;
            public void Dispose() => Listener.Value = _previous;
        }
    }

    public enum DiagnosticLevel { Verbose, Debug, Warning }
}

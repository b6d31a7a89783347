namespace CreateOs.Core.Packaging
{
    /// <summary>A port the app listens on, and the evidence for it (shown to the user before a paid deploy).</summary>
    public sealed class PortDetection
    {
        public PortDetection(int port, string evidence)
        {
            Port = port;
            Evidence = evidence;
        }

        public int Port { get; }

        /// <summary>Where the port came from, e.g. "Dockerfile: EXPOSE 8080".</summary>
        public string Evidence { get; }

        public override string ToString() => Port + " (" + Evidence + ")";
    }
}

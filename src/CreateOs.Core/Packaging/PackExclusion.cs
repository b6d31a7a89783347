namespace CreateOs.Core.Packaging
{
    /// <summary>One path left out of the upload, with the rule that left it out.</summary>
    public sealed class PackExclusion
    {
        public PackExclusion(string path, bool isDirectory, ExclusionKind kind, string reason)
        {
            Path = path;
            IsDirectory = isDirectory;
            Kind = kind;
            Reason = reason;
        }

        /// <summary>Forward-slash path relative to the root; directories are reported once, not file by file.</summary>
        public string Path { get; }

        public bool IsDirectory { get; }

        public ExclusionKind Kind { get; }

        /// <summary>Human-readable rule, e.g. "matched .gitignore rule '*.log' (sub/.gitignore line 3)".</summary>
        public string Reason { get; }

        public override string ToString() => (IsDirectory ? Path + "/" : Path) + ": " + Reason;
    }
}

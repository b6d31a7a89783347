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

        public override string ToString() => Printable(IsDirectory ? Path + "/" : Path) + ": " + Reason;

        /// <summary>The path with control characters spelled out (<c>a\nb</c>), so a crafted name cannot forge lines of a listing.</summary>
        public static string Printable(string path)
        {
            var builder = new System.Text.StringBuilder(path.Length);
            foreach (var c in path)
            {
                switch (c)
                {
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < ' ' || c == '\u007F' || (c >= '\u0080' && c < '\u00A0')) builder.Append("\\x").Append(((int)c).ToString("X2"));
                        else builder.Append(c);
                        break;
                }
            }

            return builder.ToString();
        }
    }
}

namespace CreateOs.Core.Packaging
{
    /// <summary>The kind of app a folder holds, from its marker files.</summary>
    public enum AppKind
    {
        Unknown,
        Docker,
        Node,
        Python,
        Go,
        Rust,
        Static,
    }
}

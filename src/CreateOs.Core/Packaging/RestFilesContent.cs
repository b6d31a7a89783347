namespace CreateOs.Core.Packaging
{
    /// <summary>Which REST files endpoint fits: plain text (<c>PUT {P}/deployments/files</c>) or base64 (<c>PUT {P}/deployments/files/base64</c>).</summary>
    public enum RestFilesContent
    {
        PlainText,
        Base64,
    }
}

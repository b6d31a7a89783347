namespace CreateOs.Core.Packaging
{
    /// <summary>How the folder travels: a JSON array of files, or one zip archive.</summary>
    public enum UploadForm
    {
        Files,
        Zip,
    }
}

namespace CreateOs.Core.Packaging
{
    /// <summary>Where the upload goes; each has its own limits.</summary>
    public enum UploadTarget
    {
        /// <summary>The pay-per-deploy gateway: <c>upload</c> inside a JSON body, whole request at most 50 MB.</summary>
        Gateway,

        /// <summary>The CreateOS REST API: files form at most 100 files, zip (multipart) at most 50 MB.</summary>
        RestApi,
    }
}

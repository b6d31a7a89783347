namespace CreateOs.Core.Packaging
{
    public enum PackStage
    {
        /// <summary>Reading the folder's files (into the zip or the files form).</summary>
        ReadingFiles,

        /// <summary>Base64-encoding the finished zip archive into the request.</summary>
        EncodingZip,
    }
}

using System.Collections.Generic;
using System.Text;
using Newtonsoft.Json;

namespace CreateOs.Core.Packaging
{
    /// <summary>Exact encoded sizes, computed from file sizes alone before anything is read or built.</summary>
    public static class UploadSizes
    {
        internal const string FilesFormPrefix = "{\"type\":\"files\",\"files\":[";
        internal const string FilesFormSuffix = "]}";
        internal const string FileEntryPathPrefix = "{\"path\":";
        internal const string FileEntryContentPrefix = ",\"content\":\"";
        internal const string FileEntrySuffix = "\"}";
        internal const string ZipFormPrefix = "{\"type\":\"zip\",\"data\":\"";
        internal const string ZipFormSuffix = "\",\"filename\":\"code.zip\"}";

        public static long Base64Length(long byteCount) => (byteCount + 2) / 3 * 4;

        /// <summary>The path as a JSON string literal, exactly as the packer writes it.</summary>
        public static string JsonPathLiteral(string path) => JsonConvert.ToString(path);

        /// <summary>UTF-8 length of the gateway's files-form <c>upload</c> value: <c>{"type":"files","files":[{"path":..,"content":"base64"},..]}</c>.</summary>
        public static long GatewayFilesUploadJsonBytes(IReadOnlyList<PlannedFile> files)
        {
            long total = FilesFormPrefix.Length + FilesFormSuffix.Length;
            for (var i = 0; i < files.Count; i++)
            {
                if (i > 0) total++;
                total += FileEntryPathPrefix.Length + Encoding.UTF8.GetByteCount(JsonPathLiteral(files[i].RelativePath))
                    + FileEntryContentPrefix.Length + Base64Length(files[i].Size) + FileEntrySuffix.Length;
            }

            return total;
        }

        /// <summary>UTF-8 length of the gateway's zip-form <c>upload</c> value for a zip of <paramref name="zipLength"/> bytes.</summary>
        public static long GatewayZipUploadJsonBytes(long zipLength) => ZipFormPrefix.Length + Base64Length(zipLength) + ZipFormSuffix.Length;

        /// <summary>
        /// An upper bound on the zip length: stored entries as is, deflated ones at static Huffman's worst case (9 bits a byte)
        /// plus block headers, and per entry the local header, data descriptor, zip64 extras and central-directory record.
        /// </summary>
        public static long ZipLengthUpperBound(IReadOnlyList<PlannedFile> files)
        {
            const int PerEntryFixed = 30 + 24 + 46 + 2 * 32 + 16;
            long total = 22 + 56 + 20;
            foreach (var file in files)
            {
                var nameBytes = Encoding.UTF8.GetByteCount(file.RelativePath);
                var deflateWorstCase = CompressedFileTypes.IsCompressed(file.RelativePath) ? 0 : file.Size / 8 + (file.Size / 16000 + 1) * 5;
                total += PerEntryFixed + 2L * nameBytes + file.Size + deflateWorstCase;
            }

            return total;
        }
    }
}

using System.Text;
using System.Threading;

namespace CreateOs.Core.Packaging
{
    /// <summary>Decides whether files can travel as plain JSON text: valid UTF-8 and no NUL bytes.</summary>
    internal static class TextFileDetector
    {
        public static bool AllUtf8Text(UploadPlan plan, CancellationToken cancellationToken)
        {
            var buffer = new byte[64 * 1024];
            var chars = new char[64 * 1024 + 4];
            foreach (var file in plan.Files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IsUtf8Text(file, buffer, chars)) return false;
            }

            return true;
        }

        private static bool IsUtf8Text(PlannedFile file, byte[] buffer, char[] chars)
        {
            var decoder = new UTF8Encoding(false, true).GetDecoder();
            using (var stream = PlannedFileReader.Open(file))
            {
                while (true)
                {
                    var n = PlannedFileReader.ReadFull(stream, buffer);
                    if (System.Array.IndexOf(buffer, (byte)0, 0, n) >= 0) return false;
                    try
                    {
                        decoder.GetChars(buffer, 0, n, chars, 0, flush: n == 0);
                    }
                    catch (DecoderFallbackException)
                    {
                        return false;
                    }

                    if (n == 0) return true;
                }
            }
        }
    }
}

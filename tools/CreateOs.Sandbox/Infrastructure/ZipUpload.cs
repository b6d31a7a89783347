using System.IO.Compression;

namespace CreateOs.Sandbox.Infrastructure;

/// <summary>
/// An uploaded zip as the files CreateOS serves: directories skipped, paths normalised, a common top folder stripped —
/// and never more than <see cref="MaxExpandedBytes"/> once expanded, counted while inflating, so a small archive that
/// expands to gigabytes (a zip bomb) is refused instead of filling the sandbox's memory. The REST route and the gateway
/// share it; both have the archive in memory already, so it reads synchronously.
/// </summary>
public static class ZipUpload
{
    /// <summary>The sandbox's own bound on an archive's expanded size (CreateOS does not document one).</summary>
    public const long MaxExpandedBytes = 512L * 1024 * 1024;

    /// <exception cref="ZipUploadException">Not a zip, no files, or more than <paramref name="maxExpandedBytes"/> expanded.</exception>
    public static Dictionary<string, byte[]> Extract(Stream archive, Func<string, string> normalizePath, long maxExpandedBytes = MaxExpandedBytes)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long expanded = 0;
        var buffer = new byte[81920];
        try
        {
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.Length == 0 && entry.Name.Length == 0) continue;
                var path = normalizePath(entry.FullName);
                using var stream = entry.Open();
                using var content = new MemoryStream();
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    expanded += read;
                    if (expanded > maxExpandedBytes)
                        throw new ZipUploadException($"expands to more than {maxExpandedBytes / (1024 * 1024)} MB");
                    content.Write(buffer, 0, read);
                }
                files[path] = content.ToArray();
            }
        }
        catch (InvalidDataException)
        {
            throw new ZipUploadException("is not a valid zip archive");
        }
        if (files.Count == 0) throw new ZipUploadException("contains no files");
        return StripCommonFolder(files);
    }

    /// <summary>A zip of a folder puts everything under "folder/"; serve its contents from the root.</summary>
    private static Dictionary<string, byte[]> StripCommonFolder(Dictionary<string, byte[]> files)
    {
        var firstSegments = files.Keys.Select(k => k.Split('/')).ToList();
        if (firstSegments.Any(s => s.Length < 2) || firstSegments.Select(s => s[0]).Distinct().Count() != 1) return files;
        var prefix = firstSegments[0][0] + "/";
        return files.ToDictionary(f => f.Key[prefix.Length..], f => f.Value, StringComparer.Ordinal);
    }
}

/// <summary>Why an uploaded zip cannot be served; the message completes "&lt;field&gt; …".</summary>
public sealed class ZipUploadException(string message) : Exception(message);

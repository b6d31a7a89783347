using System.Text;

namespace CreateOs.Bench;

/// <summary>
/// A deterministic folder of mixed files for the packer benchmark, generated once and cached under the temp folder:
/// ~85% small source-like text files, ~14% medium text or binary, ~1% large (half incompressible media, half text).
/// </summary>
internal sealed class PackerDataset
{
    private PackerDataset(string root, int fileCount, long totalBytes)
    {
        Root = root;
        FileCount = fileCount;
        TotalBytes = totalBytes;
    }

    public string Root { get; }

    public int FileCount { get; }

    public long TotalBytes { get; }

    public static PackerDataset Ensure(int fileCount, long targetBytes)
    {
        var root = Path.Combine(Path.GetTempPath(), $"createos-bench-packer-v1-{fileCount}-{targetBytes / 1_000_000}mb");
        var marker = Path.Combine(Path.GetTempPath(), Path.GetFileName(root) + ".complete");
        if (File.Exists(marker) && Directory.Exists(root))
        {
            var parts = File.ReadAllText(marker).Split(' ');
            return new PackerDataset(root, int.Parse(parts[0]), long.Parse(parts[1]));
        }

        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Console.WriteLine($"packer: generating {fileCount:N0} files (~{targetBytes / 1e6:F0} MB) in {root} (once)...");
        var random = new Random(42);
        var text = SourceLikeText(random, 4 * 1024 * 1024);
        var noise = new byte[16 * 1024 * 1024];
        random.NextBytes(noise);

        var sizes = new long[fileCount];
        var binary = new bool[fileCount];
        for (var i = 0; i < fileCount; i++)
        {
            var kind = random.NextDouble();
            if (kind < 0.85)
            {
                sizes[i] = random.Next(300, 8_000);
            }
            else if (kind < 0.99)
            {
                sizes[i] = random.Next(10_000, 60_000);
                binary[i] = random.NextDouble() < 0.4;
            }
            else
            {
                sizes[i] = random.Next(500_000, 2_000_000);
                binary[i] = random.NextDouble() < 0.5;
            }
        }

        // Scale the large files so the total lands on the target.
        var small = sizes.Where(s => s < 500_000).Sum();
        var large = sizes.Where(s => s >= 500_000).Sum();
        var scale = large == 0 ? 1.0 : Math.Max(0.1, (double)(targetBytes - small) / large);
        long total = 0;
        for (var i = 0; i < fileCount; i++)
        {
            if (sizes[i] >= 500_000) sizes[i] = Math.Min((long)(sizes[i] * scale), noise.Length - 1);
            var extension = binary[i] ? (sizes[i] >= 500_000 ? ".png" : ".bin") : (i % 3 == 0 ? ".js" : i % 3 == 1 ? ".ts" : ".json");
            var path = Path.Combine(root, "pkg" + (i % 40), "dir" + (i % 7), "file" + i + extension);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var source = binary[i] ? noise : text;
            var offset = random.Next(0, (int)(source.Length - sizes[i]));
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                stream.Write(source, offset, (int)sizes[i]);
            }

            total += sizes[i];
        }

        File.WriteAllText(marker, fileCount + " " + total);
        return new PackerDataset(root, fileCount, total);
    }

    private static byte[] SourceLikeText(Random random, int length)
    {
        var words = new[]
        {
            "const", "let", "function", "return", "if", "else", "for", "await", "async", "import", "export", "from", "class", "new",
            "this", "value", "result", "request", "response", "user", "items", "index", "length", "map", "filter", "=>", "{", "}",
            "(", ")", ";", "=", "===", "null", "undefined", "true", "false", "config", "options", "data", "error", "throw",
        };
        var builder = new StringBuilder(length + 64);
        var column = 0;
        while (builder.Length < length)
        {
            var word = words[random.Next(words.Length)];
            builder.Append(word);
            column += word.Length + 1;
            if (column > 60 + random.Next(30))
            {
                builder.Append('\n').Append(' ', 2 * random.Next(4));
                column = 0;
            }
            else
            {
                builder.Append(' ');
            }

            if (random.Next(50) == 0) builder.Append(random.Next()).Append(' ');
        }

        return Encoding.ASCII.GetBytes(builder.ToString(0, length));
    }
}

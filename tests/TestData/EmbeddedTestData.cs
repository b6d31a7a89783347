using System.Reflection;

namespace CreateOs.TestData;

/// <summary>
/// Reads a file of tests/TestData embedded into the test assembly (see tests/TestData/README.md). A file missing from
/// the repository fails the build; one missing from the assembly fails the test that asks for it, naming the file.
/// </summary>
internal static class EmbeddedTestData
{
    public static string ReadText(string fileName)
    {
        var assembly = typeof(EmbeddedTestData).Assembly;
        using var stream = assembly.GetManifestResourceStream("TestData/" + fileName)
            ?? throw new FileNotFoundException(
                $"tests/TestData/{fileName} is not embedded in {assembly.GetName().Name}: add <EmbeddedResource Include=\"../TestData/{fileName}\" LogicalName=\"TestData/{fileName}\" /> to its project.",
                fileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

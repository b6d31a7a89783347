using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Tests;

/// <summary>The data files of tests/TestData are in the assembly and complete, so no vector theory can shrink silently.</summary>
public class TestDataFileTests
{
    [Fact]
    public void Every_vector_group_of_eth_test_vectors_has_its_documented_size()
    {
        foreach (var (group, size) in TestVectors.GroupSizes)
            Assert.True(TestVectors.Group(group).Count == size, $"eth-test-vectors.json group {group}: {TestVectors.Group(group).Count} entries, expected {size}");
    }

    [Fact]
    public void The_eip3009_vector_file_has_12_vectors() =>
        Assert.Equal(12, ((JArray)JObject.Parse(EmbeddedTestData.ReadText("eip3009-vectors.json"))["vectors"]!).Count);

    [Fact]
    public void A_file_that_is_not_embedded_is_a_failure_naming_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => EmbeddedTestData.ReadText("no-such-vectors.json"));
        Assert.Contains("tests/TestData/no-such-vectors.json", error.Message);
    }
}

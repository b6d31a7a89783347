using System.Diagnostics;
using System.Text.Json.Nodes;
using CreateOs.Sandbox.Chains;
using Xunit;

namespace CreateOs.Sandbox.Tests.Chains;

public sealed class TokenArtifactTests
{
    private static readonly string ArtifactPath = Path.Combine(ChainTestSupport.RepositoryRoot, "tools", "CreateOs.Sandbox", "Contracts", "SandboxToken.json");

    [Fact]
    public async Task RecompilingTheSourceReproducesTheCommittedArtifacts()
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = ChainTestSupport.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine("tools", "compile-token.mjs"));
        startInfo.ArgumentList.Add("--check");

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"compile-token --check failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        Assert.Contains("up to date", await stdout);
    }

    [Fact]
    public void TheEmbeddedRuntimeBytecodeIsTheArtifactsDeployedBytecode()
    {
        var artifact = JsonNode.Parse(File.ReadAllText(ArtifactPath))!;
        Assert.Equal(artifact["deployedBytecode"]!.GetValue<string>(), SandboxChains.TokenRuntimeBytecode);
        Assert.Equal(SandboxTokenArtifact.SourceSha256, artifact["sourceSha256"]!.GetValue<string>());
        Assert.Equal("none", artifact["compiler"]!["settings"]!["metadata"]!["bytecodeHash"]!.GetValue<string>());
        Assert.StartsWith("0.8.37+", artifact["compiler"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public void TheSlotsTheSandboxWritesMatchTheCompiledStorageLayout()
    {
        var layout = JsonNode.Parse(File.ReadAllText(ArtifactPath))!["storageLayout"]!.AsArray()
            .ToDictionary(entry => entry!["label"]!.GetValue<string>(), entry => entry!);

        AssertSlot(layout["_name"], SandboxChains.NameSlot, "t_string_storage");
        AssertSlot(layout["_symbol"], SandboxChains.SymbolSlot, "t_string_storage");
        AssertSlot(layout["_minter"], SandboxChains.MinterSlot, "t_address");
        // Appended after the slots the sandbox writes, so installing over an older token keeps name/symbol/minter.
        AssertSlot(layout["_authorizationStates"], SandboxChains.MinterSlot + 1, "t_mapping(t_address,t_mapping(t_bytes32,t_bool))");
        Assert.Equal(SandboxChains.MinterSlot + 1, layout.Values.Max(entry => entry["slot"]!.GetValue<int>()));
    }

    [Fact]
    public void TheAbiIsAnErc20WithMintAndEip3009()
    {
        var abi = JsonNode.Parse(File.ReadAllText(ArtifactPath))!["abi"]!.AsArray();
        var functions = abi.Where(e => e!["type"]!.GetValue<string>() == "function").Select(e => e!["name"]!.GetValue<string>()).ToHashSet();
        var events = abi.Where(e => e!["type"]!.GetValue<string>() == "event").Select(e => e!["name"]!.GetValue<string>()).ToHashSet();

        Assert.Superset(new HashSet<string> { "name", "symbol", "decimals", "totalSupply", "balanceOf", "transfer", "transferFrom", "approve", "allowance", "mint" }, functions);
        Assert.Superset(new HashSet<string> { "Transfer", "Approval", "AuthorizationUsed" }, events);
        Assert.Superset(new HashSet<string> { "transferWithAuthorization", "authorizationState", "DOMAIN_SEPARATOR", "TRANSFER_WITH_AUTHORIZATION_TYPEHASH", "version" }, functions);
    }

    private static void AssertSlot(JsonNode entry, int expectedSlot, string expectedType)
    {
        Assert.Equal(expectedSlot, entry["slot"]!.GetValue<int>());
        Assert.Equal(0, entry["offset"]!.GetValue<int>());
        Assert.Equal(expectedType, entry["type"]!.GetValue<string>());
    }
}

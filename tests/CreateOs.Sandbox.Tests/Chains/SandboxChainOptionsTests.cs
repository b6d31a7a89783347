using CreateOs.Sandbox.Chains;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CreateOs.Sandbox.Tests.Chains;

public sealed class SandboxChainOptionsTests
{
    [Fact]
    public void OptionsCanComeFromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Chains:AnvilPath"] = "/opt/foundry/anvil",
                ["Chains:FundingEth"] = "2.5",
                ["Chains:StartupTimeoutSeconds"] = "5",
                ["Chains:Attach:arbitrum"] = "http://127.0.0.1:8545",
            })
            .Build();

        var options = SandboxChainOptions.FromConfiguration(configuration);

        Assert.Equal("/opt/foundry/anvil", options.AnvilPath);
        Assert.Equal(2.5m, options.FundingEth);
        Assert.Equal(TimeSpan.FromSeconds(5), options.StartupTimeout);
        Assert.Equal("http://127.0.0.1:8545", options.AttachRpcUrls["ARBITRUM"]);
        Assert.False(options.AttachRpcUrls.ContainsKey("base"));
        Assert.Equal(1_000_000m, options.MaxFundingUsd);
        Assert.Same(SandboxChains.DefaultChains, options.Chains);
    }

    [Fact]
    public void EmptyConfigurationGivesTheDefaults()
    {
        var options = SandboxChainOptions.FromConfiguration(new ConfigurationBuilder().Build());
        Assert.Null(options.AnvilPath);
        Assert.Equal(1.0m, options.FundingEth);
        Assert.Empty(options.AttachRpcUrls);
    }
}

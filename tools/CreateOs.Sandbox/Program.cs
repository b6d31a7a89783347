using CreateOs.Sandbox;
using CreateOs.Sandbox.Chains;
using CreateOs.Sandbox.Gateway;

// Command line: --urls URL[;URL] --api-key KEY [--api-key KEY2 | --extra-api-key KEY2] [--seed N] [--step-delay-ms N]
// Gateway and chains: [--no-chains] [--attach-arbitrum URL] [--attach-base URL] [--block-time chain=seconds] [--price USD] [--pay-to 0x…] [--gateway-protocol v1|v2|both] [--challenge-forms mpp,x402]
var options = new SandboxOptions();
var gatewayOptions = new GatewayOptions();
var startChains = true;
var attachRpcUrls = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
var blockTimes = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase);
var generatedKey = true;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--urls":
            options.Urls = Value();
            break;
        case "--api-key":
        case "--extra-api-key":
            options.ApiKeys.Add(Value());
            generatedKey = false;
            break;
        case "--seed":
            options.Seed = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--step-delay-ms":
            options.StepDelay = TimeSpan.FromMilliseconds(int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture));
            break;
        case "--max-projects":
            options.MaxProjects = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--no-chains":
            startChains = false;
            break;
        case "--attach-arbitrum":
            attachRpcUrls["arbitrum"] = Value();
            break;
        case "--attach-base":
            attachRpcUrls["base"] = Value();
            break;
        case "--block-time":
            // chain=seconds, e.g. arbitrum=0.25 or base=2: interval mining instead of one block per transaction
            var (chainName, seconds) = Value().Split('=', 2) is [var n, var v] ? (n, v) : throw new ArgumentException("--block-time takes chain=seconds, e.g. base=2");
            blockTimes[chainName] = TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
            break;
        case "--price":
            gatewayOptions.PricePerMonthUsd = decimal.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--pay-to":
            gatewayOptions.PayTo = Value();
            break;
        case "--gateway-protocol":
            gatewayOptions.Protocol = GatewayControlEndpoints.ParseProtocol(Value());
            break;
        case "--challenge-forms":
            gatewayOptions.ChallengeForms = GatewayControlEndpoints.ParseChallengeForms(Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            break;
        case "--verbose":
            options.LogLevel = LogLevel.Information;
            break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'");
            Console.Error.WriteLine("usage: CreateOs.Sandbox [--urls http://127.0.0.1:PORT] [--api-key KEY]... [--extra-api-key KEY] [--seed N] [--step-delay-ms N] [--max-projects N] [--verbose] [--no-chains] [--attach-arbitrum URL] [--attach-base URL] [--block-time chain=seconds] [--price USD] [--pay-to 0x…] [--gateway-protocol v1|v2|both] [--challenge-forms mpp,x402]");
            return 2;
    }
}

// The MPP gateway (/agent/*) verifies payments on local anvil chains. Without chains (--no-chains, or anvil missing) the
// REST API and the gateway's other routes still work, but the gateway quotes no payment (503) and /sandbox/info says
// payments are unavailable: a client must never be sent to pay where nothing can verify it.
SandboxChains? startedChains = null;
if (startChains)
{
    try
    {
        startedChains = await SandboxChains.StartAsync(new SandboxChainOptions { AttachRpcUrls = attachRpcUrls, BlockTimes = blockTimes });
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        Console.Error.WriteLine($"warning: sandbox chains not started ({e.Message}); payments are unavailable (the gateway quotes none). Use --no-chains to skip them.");
    }
}
await using var chains = startedChains;
SandboxGateway.Enable(options, gatewayOptions, chains);

await using var host = await SandboxHost.StartAsync(options);
if (generatedKey) Console.WriteLine($"API key: {host.ApiKey}");
Console.WriteLine($"Sandbox listening on {host.BaseUri.ToString().TrimEnd('/')}");
foreach (var chain in chains?.Chains ?? []) Console.WriteLine($"Chain {chain.Name} ({chain.ChainId}) at {chain.RpcUrl}");
await host.WaitForShutdownAsync();
return 0;

using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using CreateOs.Sandbox.Chains;
using CreateOs.Sandbox.Gateway;

namespace CreateOs.Sandbox.Tests.Gateway;

/// <summary>One sandbox (REST + gateway) with its two anvil chains, shared by every gateway test class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private GatewaySandbox _sandbox = null!;

    public SandboxChains Chains => _sandbox.Chains!;
    public SandboxHost Host => _sandbox.Host;
    public GatewayState Gateway => _sandbox.Gateway;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await GatewaySandbox.StartAsync(new SandboxOptions { StepDelay = TimeSpan.FromMilliseconds(30) });
        Http = new HttpClient { BaseAddress = _sandbox.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _sandbox.DisposeAsync();
    }

    /// <summary>A new wallet with the given USD of every token on every chain (and gas).</summary>
    public async Task<EthereumKey> FundedWalletAsync(decimal usd = 10m)
    {
        var key = EthereumKey.Generate();
        await Chains.FundAsync(key.Address.ToChecksumString(), usd);
        return key;
    }

    /// <summary>Signs and broadcasts transfer(payTo, amount) with the core's payer and waits for the receipt; returns the tx hash.</summary>
    public async Task<string> PayAsync(EthereumKey key, string chainName, string tokenSymbol, string payTo, BigInteger amount)
    {
        var chain = TokenRegistry.GetChain(chainName);
        var payer = new Erc20Payer(new EthRpcClient(Http, new Uri(Chains.GetChain(chainName).RpcUrl)), chain);
        var token = TokenRegistry.GetToken(chain, tokenSymbol, allowUnofficial: true);
        var transaction = await payer.BuildTransferAsync(key, token, EthereumAddress.Parse(payTo), amount);
        await payer.BroadcastAsync(transaction);
        var receipt = await payer.WaitForReceiptAsync(transaction.Hash, TimeSpan.FromSeconds(30));
        Assert.Equal(ReceiptWaitStatus.Succeeded, receipt.Status);
        return transaction.Hash;
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "Gateway";
}

/// <summary>Signed gateway requests and deploy bodies.</summary>
internal static class GatewayClient
{
    public static HttpRequestMessage Signed(HttpMethod method, string path, EthereumKey key, JsonObject? body = null,
        string? walletHeader = null, long? timestampMs = null, string? nonce = null)
    {
        var wallet = walletHeader ?? key.Address.ToChecksumString();
        var timestamp = (timestampMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        nonce ??= Guid.NewGuid().ToString();
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Add("X-Wallet-Address", wallet);
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Nonce", nonce);
        request.Headers.Add("X-Signature", PersonalSign.Sign(key, $"{wallet}:{timestamp}:{nonce}"));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }

    public static HttpRequestMessage Deploy(EthereumKey key, JsonObject body, string? paymentTx = null, string chain = "arbitrum",
        string token = "usdc", bool useExistingCredits = false)
    {
        var request = Signed(HttpMethod.Post, "/agent/deploy", key, body);
        if (paymentTx is not null)
        {
            request.Headers.Add("X-Payment-Tx", paymentTx);
            request.Headers.Add("X-Payment-Chain", chain);
            request.Headers.Add("X-Payment-Token", token);
        }
        if (useExistingCredits) request.Headers.Add("X-Use-Existing-Credits", "true");
        return request;
    }

    public static string UniqueName(string prefix = "gw") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public static JsonObject DeployBody(string? uniqueName = null, string displayName = "Gateway App", int? months = null, string html = "<h1>hello from the gateway</h1>")
    {
        var body = new JsonObject
        {
            ["uniqueName"] = uniqueName ?? UniqueName(),
            ["displayName"] = displayName,
            ["upload"] = new JsonObject
            {
                ["type"] = "files",
                ["files"] = new JsonArray(new JsonObject { ["path"] = "index.html", ["content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(html)) }),
            },
        };
        if (months is not null) body["months"] = months;
        return body;
    }

    public static async Task<(int Status, JsonObject Body)> CallAsync(this HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Polls the status endpoint until it leaves "deploying".</summary>
    public static async Task<JsonObject> WaitUntilSettledAsync(this HttpClient http, EthereumKey key, string projectId, string deploymentId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (status, body) = await http.CallAsync(Signed(HttpMethod.Get, $"/agent/deploy/{projectId}/{deploymentId}/status", key));
            Assert.Equal(200, status);
            if ((string?)body["status"] != "deploying" || attempt >= 20) return body;
            await Task.Delay(150);
        }
    }
}

using System.Text.Json.Nodes;
using CreateOs.Core.Wallet;
using static CreateOs.Sandbox.Tests.Gateway.GatewayClient;

namespace CreateOs.Sandbox.Tests.Gateway;

/// <summary>The credit cases A–D of mpp-gateway.md §4, the quote of §5 and the body rules of §3.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayCreditCaseTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task CaseD_NoCreditsGivesTheStandardQuote()
    {
        using var key = EthereumKey.Generate();
        var (status, body) = await _http.CallAsync(Deploy(key, DeployBody()));

        Assert.Equal(402, status);
        Assert.Equal("Payment required", (string?)body["error"]);
        Assert.Equal(0.5m, (decimal?)body["amount_usd"]);
        Assert.Equal("500000", (string?)body["amount_token"]);
        Assert.Equal(0m, (decimal?)body["current_credit_balance_usd"]);
        Assert.Equal(0, (int?)body["active_projects"]);
        Assert.Equal(fixture.Gateway.Options.PayTo, (string?)body["pay_to"]);
        Assert.Equal("arbitrum", (string?)body["payment_chain"]);
        Assert.Equal("usdc", (string?)body["token"]);
        Assert.Equal(6, (int?)body["decimals"]);
        Assert.False(body.ContainsKey("warning"));
        var chains = body["supported_chains"]!.AsArray().Select(c => ((string?)c!["chain"], (long?)c["chain_id"])).ToList();
        Assert.Equal([("arbitrum", 42161L), ("base", 8453L)], chains);
        Assert.Empty(fixture.Gateway.ProjectsOf(key.Address.ToChecksumString()));
    }

    [Fact]
    public async Task MonthsMultiplyTheConfiguredPrice()
    {
        var options = fixture.Gateway.Options;
        var previous = options.PricePerMonthUsd;
        options.PricePerMonthUsd = 1.813947m;
        try
        {
            using var key = EthereumKey.Generate();
            var (status, body) = await _http.CallAsync(Deploy(key, DeployBody(months: 3)));
            Assert.Equal(402, status);
            Assert.Equal(5.441841m, (decimal?)body["amount_usd"]);
            Assert.Equal("5441841", (string?)body["amount_token"]);
        }
        finally
        {
            options.PricePerMonthUsd = previous;
        }
    }

    [Fact]
    public async Task ThePriceNeverGoesBelowHalfADollarPerMonth()
    {
        var options = fixture.Gateway.Options;
        var previous = options.PricePerMonthUsd;
        options.PricePerMonthUsd = 0.10m;
        try
        {
            using var key = EthereumKey.Generate();
            var (_, body) = await _http.CallAsync(Deploy(key, DeployBody(months: 2)));
            Assert.Equal(1.0m, (decimal?)body["amount_usd"]);
            Assert.Equal("1000000", (string?)body["amount_token"]);
        }
        finally
        {
            options.PricePerMonthUsd = previous;
        }
    }

    [Fact]
    public async Task CaseA_CreditsAndNoActiveProjectDeployAtOnce()
    {
        using var key = EthereumKey.Generate();
        var wallet = key.Address.ToChecksumString();
        fixture.Gateway.GrantCredits(wallet, 0.75m);

        var (status, body) = await _http.CallAsync(Deploy(key, DeployBody()));

        Assert.Equal(200, status);
        Assert.Equal("deploying", (string?)body["status"]);
        Assert.Equal("Deployment started. Poll status for updates.", (string?)body["message"]);
        Assert.True(Guid.TryParse((string?)body["projectId"], out _));
        Assert.True(Guid.TryParse((string?)body["deploymentId"], out _));
        Assert.Equal(0.25m, fixture.Gateway.GetCreditsUsd(wallet));
    }

    [Fact]
    public async Task CasesB_C_D_WithAnActiveProject()
    {
        using var key = EthereumKey.Generate();
        var wallet = key.Address.ToChecksumString();
        fixture.Gateway.GrantCredits(wallet, 1.5m);
        var (first, _) = await _http.CallAsync(Deploy(key, DeployBody()));
        Assert.Equal(200, first);

        // C: enough credits, one active project, no opt-in → 402 with the sharing warning.
        var (caseC, quote) = await _http.CallAsync(Deploy(key, DeployBody()));
        Assert.Equal(402, caseC);
        Assert.Contains("1 active project(s)", (string?)quote["warning"]);
        Assert.Contains("X-Use-Existing-Credits: true", (string?)quote["warning"]);
        Assert.Equal(1, (int?)quote["active_projects"]);
        Assert.Equal(1.0m, (decimal?)quote["current_credit_balance_usd"]);
        Assert.Equal("500000", (string?)quote["amount_token"]);

        // B: the same with the opt-in → 200 and a message about sharing.
        var (caseB, deployed) = await _http.CallAsync(Deploy(key, DeployBody(), useExistingCredits: true));
        Assert.Equal(200, caseB);
        Assert.Contains("shared", (string?)deployed["message"]);
        Assert.Equal(0.5m, fixture.Gateway.GetCreditsUsd(wallet));

        // D: credits too low for a 2-month deploy, even with the opt-in → standard quote without warning.
        var (caseD, standard) = await _http.CallAsync(Deploy(key, DeployBody(months: 2), useExistingCredits: true));
        Assert.Equal(402, caseD);
        Assert.False(standard.ContainsKey("warning"));
        Assert.Equal(2, (int?)standard["active_projects"]);
    }

    [Fact]
    public async Task CreditsCanBeGrantedOverHttp()
    {
        using var key = EthereumKey.Generate();
        var wallet = key.Address.ToChecksumString();
        var response = await _http.PostAsync("sandbox/gateway/credits",
            new StringContent(new JsonObject { ["wallet"] = wallet, ["usd"] = 2.5 }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2.5m, (decimal?)body["credit_balance_usd"]);
        Assert.Equal(250m, (decimal?)body["credits"]);
        Assert.Equal(2.5m, fixture.Gateway.GetCreditsUsd(wallet));
    }

    public static TheoryData<string, JsonNode?> BadBodies => new()
    {
        { "uniqueName", "abc" },
        { "uniqueName", "has space" },
        { "uniqueName", new string('a', 33) },
        { "displayName", "abc" },
        { "displayName", new string('a', 101) },
        { "description", "abc" },
        { "months", 0 },
        { "months", 1.5 },
        { "months", "2" },
        { "settings", "nope" },
        { "upload", null },
        { "upload", new JsonObject { ["type"] = "files", ["files"] = new JsonArray() } },
        { "upload", new JsonObject { ["type"] = "files", ["files"] = new JsonArray(new JsonObject { ["path"] = "a.txt", ["content"] = "***" }) } },
        { "upload", new JsonObject { ["type"] = "zip", ["data"] = "aGVsbG8=", ["filename"] = "code.zip" } },
        { "upload", new JsonObject { ["type"] = "tarball" } },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task AnInvalidBodyIs400(string field, JsonNode? value)
    {
        using var key = EthereumKey.Generate();
        var body = DeployBody();
        body[field] = value?.DeepClone();
        var (status, error) = await _http.CallAsync(Deploy(key, body));
        Assert.Equal(400, status);
        Assert.False(string.IsNullOrEmpty((string?)error["error"]));
    }

    [Fact]
    public async Task AZipUploadIsAccepted()
    {
        using var key = EthereumKey.Generate();
        fixture.Gateway.GrantCredits(key.Address.ToChecksumString(), 0.5m);
        using var zipBytes = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipBytes, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("site/index.html").Open()))
            writer.Write("<p>zipped</p>");
        var body = DeployBody();
        body["upload"] = new JsonObject { ["type"] = "zip", ["data"] = Convert.ToBase64String(zipBytes.ToArray()), ["filename"] = "code.zip" };

        var (status, deployed) = await _http.CallAsync(Deploy(key, body));
        Assert.Equal(200, status);
        var settled = await _http.WaitUntilSettledAsync(key, (string)deployed["projectId"]!, (string)deployed["deploymentId"]!);
        Assert.Equal("<p>zipped</p>", await _http.GetStringAsync(new Uri((string)settled["endpoint"]!)));
    }

    [Fact]
    public async Task DownstreamTheFileLimitIsPerUploadForm_AZipOfMoreThan100FilesDeploys_TheFilesFormIsRefused()
    {
        using var key = EthereumKey.Generate();
        fixture.Gateway.GrantCredits(key.Address.ToChecksumString(), 1m);
        using var zipBytes = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipBytes, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 150; i++)
                using (var writer = new StreamWriter(zip.CreateEntry($"page{i}.html").Open())) writer.Write($"<p>{i}</p>");
        }
        var zipped = DeployBody();
        zipped["upload"] = new JsonObject { ["type"] = "zip", ["data"] = Convert.ToBase64String(zipBytes.ToArray()), ["filename"] = "code.zip" };
        Assert.Equal(200, (await _http.CallAsync(Deploy(key, zipped))).Status);

        var files = new JsonArray();
        for (var i = 0; i < 150; i++) files.Add(new JsonObject { ["path"] = $"page{i}.html", ["content"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"<p>{i}</p>")) });
        var many = DeployBody();
        many["upload"] = new JsonObject { ["type"] = "files", ["files"] = files };
        var (status, error) = await _http.CallAsync(Deploy(key, many, useExistingCredits: true));
        Assert.Equal(500, status);
        Assert.Contains("at most 100 files", (string?)error["error"]);
    }

    [Fact]
    public async Task ABodyAboveTheCapIs413()
    {
        var options = fixture.Gateway.Options;
        var previous = options.MaxRequestBytes;
        options.MaxRequestBytes = 2048;
        try
        {
            using var key = EthereumKey.Generate();
            var (status, body) = await _http.CallAsync(Deploy(key, DeployBody(html: new string('x', 4096))));
            Assert.Equal(413, status);
            Assert.Equal("Request entity too large", (string?)body["error"]);
        }
        finally
        {
            options.MaxRequestBytes = previous;
        }
    }
}

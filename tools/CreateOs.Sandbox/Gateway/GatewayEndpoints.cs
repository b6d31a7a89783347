using System.Globalization;
using System.Text.Json.Nodes;
using CreateOs.Core.Wallet;
using CreateOs.Sandbox.Chains;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Gateway;

/// <summary>The emulated MPP gateway's HTTP surface (mpp-gateway.md §1). GET /health is served by the host.</summary>
public static class GatewayEndpoints
{
    public static void MapGatewayEndpoints(this WebApplication app, GatewayState state, SandboxState sandbox, SandboxChains? chains)
    {
        var deployer = new GatewayDeployer(sandbox);
        var deployFlow = new GatewayDeployFlow(state, sandbox, chains, deployer);

        app.MapGet("/openapi.json", (HttpContext context) => GatewayResults.Json(GatewayOpenApi.Build(state.Options, sandbox.BaseUri)));

        var agent = app.MapGroup("/agent");
        agent.AddEndpointFilter((context, next) => GuardAsync(context, next, state));

        agent.MapGet("/chains", () => GatewayResults.Json(new JsonObject { ["chains"] = GatewayChallenge.SupportedChains(state.Options) }));

        agent.MapGet("/recipients", () => GatewayResults.Json(new JsonObject
        {
            ["updated_at"] = SandboxJson.FormatTime(state.Now),
            ["recipients"] = new JsonArray(state.Options.Chains
                .Select(c => (JsonNode)new JsonObject { ["chain"] = c.Name, ["address"] = state.Options.PayTo }).ToArray()),
        }));

        agent.MapGet("/balance/{address}", (string address, string? chain, CancellationToken ct) => BalanceAsync(state, chains, address, chain, ct));

        // Typed as Delegate: a plain HttpContext → Task lambda would be a RequestDelegate, skipping the filter and the result.
        agent.MapPost("/deploy", (Delegate)((HttpContext context) => deployFlow.HandleAsync(context)));

        agent.MapGet("/deploy/{projectId}/{deploymentId}/status", (HttpContext context, string projectId, string deploymentId) =>
        {
            var wallet = GatewayAuth.Authenticate(context.Request, state);
            lock (sandbox.SyncRoot)
            {
                var project = OwnedProject(state, sandbox, wallet, projectId);
                var deployment = (Guid.TryParse(deploymentId, out var id) ? sandbox.DeploymentList.FirstOrDefault(d => d.Id == id && d.ProjectId == project.Id) : null)
                    ?? throw GatewayException.NotFound("Deployment not found");
                return GatewayResults.Json(DescribeDeployment(deployment));
            }
        });

        agent.MapGet("/projects", (HttpContext context) =>
        {
            var wallet = GatewayAuth.Authenticate(context.Request, state);
            var owned = state.ProjectsOf(wallet).Select(p => p.ProjectId).ToHashSet();
            var projects = new JsonArray();
            lock (sandbox.SyncRoot)
                foreach (var project in sandbox.ProjectList.Where(p => owned.Contains(p.Id) && p.Status != ProjectStatus.Deleted))
                    projects.Add(new JsonObject
                    {
                        ["id"] = project.Id.ToString(),
                        ["name"] = project.UniqueName,
                        ["displayName"] = project.DisplayName,
                        ["status"] = GatewayProjectStatus.Describe(sandbox, project),
                        ["url"] = GatewayProjectStatus.Url(sandbox, project),
                        ["createdAt"] = SandboxJson.FormatTime(project.CreatedAt),
                    });
            return GatewayResults.Json(new JsonObject { ["wallet"] = wallet, ["count"] = projects.Count, ["projects"] = projects });
        });

        agent.MapDelete("/projects/{projectId}", (HttpContext context, string projectId) =>
        {
            var wallet = GatewayAuth.Authenticate(context.Request, state);
            lock (sandbox.SyncRoot)
            {
                var project = OwnedProject(state, sandbox, wallet, projectId);
                if (project.Status == ProjectStatus.Active)
                {
                    project.Status = ProjectStatus.Deleting;
                    project.UpdatedAt = sandbox.Now;
                    sandbox.ScheduleProjectDeletion(project);
                }
                return GatewayResults.Json(new JsonObject { ["projectId"] = project.Id.ToString(), ["status"] = "deleted" });
            }
        });
    }

    /// <summary>Rate limit (§9) and request log on every /agent route, and the <c>{"error"}</c> body for gateway errors.</summary>
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, GatewayState state)
    {
        var http = invocation.HttpContext;
        var request = http.Request;
        var wallet = request.Headers[GatewayAuth.WalletHeader].ToString();
        state.RecordRequest(new GatewayRequest(state.Now, request.Method, request.Path.Value ?? "", wallet.Length > 0 ? wallet : null,
            request.Headers.ContainsKey(GatewayDeployFlow.PaymentTxHeader),
            PaymentCredential.HasMppCredential(request) || PaymentCredential.HasX402Credential(request)));

        var clientKey = http.Connection.RemoteIpAddress + "|" + wallet;
        if (!state.TryAcquireRateLimit(clientKey, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return GatewayResults.Error(429, "Rate limited");
        }

        try
        {
            return await next(invocation);
        }
        catch (GatewayException e)
        {
            return GatewayResults.Error(e.StatusCode, e.Message, e.Detail);
        }
    }

    /// <summary>A live sandbox project deployed by <paramref name="wallet"/>: 404 unknown, 403 someone else's. Caller holds the sandbox lock.</summary>
    private static Project OwnedProject(GatewayState state, SandboxState sandbox, string wallet, string projectId)
    {
        var project = (Guid.TryParse(projectId, out var id) ? sandbox.ProjectList.FirstOrDefault(p => p.Id == id && p.Status != ProjectStatus.Deleted) : null)
            ?? throw GatewayException.NotFound("Project not found");
        var owner = state.FindProject(project.Id);
        if (owner is null || owner.Wallet != GatewayState.Key(wallet)) throw GatewayException.Forbidden();
        return project;
    }

    private static JsonObject DescribeDeployment(Deployment deployment)
    {
        if (GatewayProjectStatus.IsReady(deployment))
            return new JsonObject { ["status"] = "ready", ["deployment_id"] = deployment.Id.ToString(), ["endpoint"] = deployment.Extra.GetValueOrDefault("endpoint") };
        if (GatewayProjectStatus.InProgress.Contains(deployment.Status))
            return new JsonObject
            {
                ["status"] = "deploying", ["deployment_id"] = deployment.Id.ToString(),
                ["deployment_status"] = deployment.Status, ["message"] = "Deployment in progress",
            };
        return new JsonObject
        {
            ["status"] = "failed", ["deployment_id"] = deployment.Id.ToString(),
            ["deployment_status"] = deployment.Status, ["reason"] = FailureReason(deployment),
        };
    }

    private static string FailureReason(Deployment deployment) =>
        deployment.BuildFailureReason ?? deployment.RolloutFailureReason ?? deployment.CancelReason ?? deployment.Status;

    /// <summary>0x + 40 hex digits; mixed case must carry a valid EIP-55 checksum (as viem's isAddress).</summary>
    internal static bool IsAddress([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text) =>
        text is not null && text.StartsWith("0x", StringComparison.Ordinal) && EthereumAddress.TryParse(text, out _);

    private static async Task<IResult> BalanceAsync(GatewayState state, SandboxChains? chains, string address, string? chainName, CancellationToken ct)
    {
        if (!IsAddress(address)) throw GatewayException.BadRequest("Invalid address");
        chainName = string.IsNullOrWhiteSpace(chainName) ? state.Options.DefaultChain : chainName.Trim();
        var chain = state.Options.FindChain(chainName) ?? throw GatewayException.BadRequest($"Unsupported chain: {chainName}");
        if (chains is null || !chains.TryGetChain(chain.Name, out _))
            throw new GatewayException(502, $"Balance unavailable: sandbox chain '{chain.Name}' is not running");

        var balances = new JsonArray();
        foreach (var (key, contract) in chain.Tokens)
        {
            var raw = await chains.GetTokenBalanceAsync(chain.Name, contract, address, ct);
            balances.Add(new JsonObject
            {
                ["token"] = key,
                ["symbol"] = key.ToUpperInvariant(),
                ["address"] = contract,
                ["balance"] = EvmHex.FormatUnits(raw, GatewayMoney.TokenDecimals),
                ["balance_raw"] = raw.ToString(CultureInfo.InvariantCulture),
                ["decimals"] = GatewayMoney.TokenDecimals,
            });
        }
        return GatewayResults.Json(new JsonObject { ["address"] = address, ["chain"] = chain.Name, ["chain_id"] = chain.ChainId, ["balances"] = balances });
    }
}

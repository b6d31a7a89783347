using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreateOs.Sandbox.Chains;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Gateway;

/// <summary>POST /agent/deploy: the credit cases of mpp-gateway.md §4, the 402 quote (§5), the v1 paid retry (§6) and
/// the v2 credentials of docs/payment-v2.md (GatewayDeployFlow.V2.cs).</summary>
public sealed partial class GatewayDeployFlow(GatewayState state, SandboxState sandbox, SandboxChains? chains, GatewayDeployer deployer)
{
    public const string PaymentTxHeader = "X-Payment-Tx";
    public const string PaymentChainHeader = "X-Payment-Chain";
    public const string PaymentTokenHeader = "X-Payment-Token";
    public const string UseExistingCreditsHeader = "X-Use-Existing-Credits";
    public const string StartedMessage = "Deployment started. Poll status for updates.";

    [GeneratedRegex("^0x[0-9a-fA-F]{64}$")] private static partial Regex TxHashPattern();

    private GatewayOptions Options => state.Options;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var wallet = GatewayAuth.Authenticate(context.Request, state);
        var request = await GatewayDeployRequest.ReadAsync(context.Request, Options.MaxRequestBytes);
        var priceUsd = Options.PriceUsd(request.Months);

        var txHash = context.Request.Headers[PaymentTxHeader].ToString();
        // A v1 gateway does not know v2 credentials: it ignores their headers, as the real one would.
        var credential = Options.Protocol == GatewayProtocol.V1 ? null : PaymentCredential.Read(context.Request);
        if (credential is not null && txHash.Length > 0)
            throw new GatewayException(400, PaymentCredential.MalformedError, "send exactly one payment credential: X-Payment-Tx or a v2 credential");
        if (credential is not null) return await PaidV2Async(context, wallet, request, priceUsd, credential);
        if (txHash.Length > 0 && Options.Protocol == GatewayProtocol.V2)
            throw GatewayException.BadRequest("X-Payment-Tx is not accepted: this gateway takes payment v2 credentials (Authorization: Payment or PAYMENT-SIGNATURE)");
        if (txHash.Length > 0) return await PaidRetryAsync(context, wallet, request, priceUsd, txHash);

        var activeProjects = CountActiveProjects(wallet);
        var enoughCredits = state.GetCreditsUsd(wallet) >= priceUsd;
        var useExisting = string.Equals(context.Request.Headers[UseExistingCreditsHeader].ToString().Trim(), "true", StringComparison.OrdinalIgnoreCase);

        if (enoughCredits && activeProjects == 0) return DeployWithCredits(wallet, request, priceUsd, StartedMessage);        // case A
        if (enoughCredits && useExisting)                                                                                      // case B
            return DeployWithCredits(wallet, request, priceUsd,
                $"Deployment started using existing credits. Runtime is now shared with your {activeProjects} other active project(s). Poll status for updates.");
        if (chains is null) throw new GatewayException(503, PaymentsUnavailable);                                                // no quote it could not verify
        return Quote(context, wallet, request, priceUsd, activeProjects, sharedCreditsWarning: enoughCredits);                // cases C and D
    }

    /// <summary>Why a sandbox without chains quotes no payment (also what /sandbox/info reports).</summary>
    public const string PaymentsUnavailable =
        "Payments are unavailable: this sandbox runs without chains (--no-chains, or anvil is missing), so it cannot verify a payment and quotes none. Deploys with existing credits still work; restart the sandbox with its chains to pay.";

    private async Task<IResult> PaidRetryAsync(HttpContext context, string wallet, GatewayDeployRequest request, decimal priceUsd, string txHash)
    {
        if (!TxHashPattern().IsMatch(txHash)) throw GatewayException.BadRequest("Invalid transaction hash");
        var chainName = HeaderOr(context.Request, PaymentChainHeader, Options.DefaultChain);
        var chain = Options.FindChain(chainName) ?? throw GatewayException.BadRequest($"Unsupported chain: {chainName}");
        var tokenKey = HeaderOr(context.Request, PaymentTokenHeader, "usdc").ToLowerInvariant();
        if (!chain.Tokens.TryGetValue(tokenKey, out var tokenContract)) throw GatewayException.BadRequest($"Unsupported token: {tokenKey}");
        if (chains is null || !chains.TryGetChain(chain.Name, out _))
            throw new GatewayException(502, $"Payment verification unavailable: sandbox chain '{chain.Name}' is not running");

        if (!state.TryReserveTxHash(txHash)) throw new GatewayException(409, "Payment already processed");

        var minimum = GatewayMoney.UsdToBaseUnits(priceUsd);
        TransferVerification verification;
        try
        {
            // Not cancelled by the client going away: like a real server, the gateway finishes what it started.
            verification = await chains.VerifyTransferAsync(chain.Name, txHash, tokenContract, Options.PayTo, minimum, Options.SumTransferLogs, CancellationToken.None);
        }
        catch (Exception e)
        {
            state.ReleaseTxHash(txHash);
            throw new GatewayException(502, "Payment verification service failed: " + e.Message);
        }

        if (!Accepts(verification, wallet))
        {
            if (!Options.ConsumeHashOnFailedVerification) state.ReleaseTxHash(txHash);
            throw new GatewayException(402, "Payment verification failed");
        }

        var paid = Options.SumTransferLogs ? verification.TotalAmount : verification.LargestAmount;
        var creditedUsd = GatewayMoney.BaseUnitsToUsd(paid);
        state.GrantCredits(wallet, creditedUsd);
        state.RecordPayment(new GatewayPayment(txHash, chain.Name, tokenKey, GatewayState.Key(wallet), paid, creditedUsd, state.Now));
        return DeployWithCredits(wallet, request, priceUsd, StartedMessage);
    }

    private bool Accepts(TransferVerification verification, string wallet) =>
        verification.IsVerified
        && (verification.Confirmations ?? 0) >= Options.RequiredConfirmations
        && (!Options.RequireTxFromWallet || string.Equals(verification.From, wallet, StringComparison.OrdinalIgnoreCase));

    /// <summary>Takes the price from the credits, then deploys; a downstream failure (500) gives the price back, so the
    /// credits of a paid retry stay available for a retry with X-Use-Existing-Credits.</summary>
    private IResult DeployWithCredits(string wallet, GatewayDeployRequest request, decimal priceUsd, string message)
    {
        if (!state.TryDeductCredits(wallet, priceUsd))
            throw new GatewayException(402, "Payment required");
        (Guid ProjectId, Guid DeploymentId) created;
        try
        {
            created = deployer.Deploy(request);
        }
        catch
        {
            state.GrantCredits(wallet, priceUsd);
            throw;
        }
        state.AddProject(new GatewayProject(created.ProjectId, wallet, request.UniqueName, state.Now));
        return GatewayResults.Json(new JsonObject
        {
            ["projectId"] = created.ProjectId.ToString(),
            ["deploymentId"] = created.DeploymentId.ToString(),
            ["status"] = "deploying",
            ["message"] = message,
        });
    }

    private IResult Quote(HttpContext context, string wallet, GatewayDeployRequest request, decimal priceUsd, int activeProjects, bool sharedCreditsWarning)
    {
        var quote = NewQuote(wallet, request, priceUsd, activeProjects, sharedCreditsWarning);
        var warning = sharedCreditsWarning ? GatewayChallenge.SharedCreditsWarning(activeProjects) : null;
        if (Options.Protocol == GatewayProtocol.V1) return GatewayResults.Json(GatewayChallenge.QuoteBody(Options, quote, warning), 402);
        GatewayChallenge.AddV2Challenges(context, Options, quote, GatewayChallenge.BodyDigest(request.RawBody), warning);
        return GatewayResults.Json(Options.Protocol == GatewayProtocol.V2 ? GatewayChallenge.V2QuoteBody(quote) : GatewayChallenge.QuoteBody(Options, quote, warning), 402);
    }

    private GatewayQuote NewQuote(string wallet, GatewayDeployRequest request, decimal priceUsd, int activeProjects, bool sharedCreditsWarning)
    {
        var quote = new GatewayQuote(GatewayState.Key(wallet), request.UniqueName, request.Months, priceUsd, GatewayMoney.UsdToBaseUnits(priceUsd),
            state.GetCreditsUsd(wallet), activeProjects, sharedCreditsWarning, state.Now);
        state.RecordQuote(quote);
        return quote;
    }

    private int CountActiveProjects(string wallet)
    {
        var owned = state.ProjectsOf(wallet).Select(p => p.ProjectId).ToHashSet();
        lock (sandbox.SyncRoot)
            return sandbox.ProjectList.Count(p => owned.Contains(p.Id) && GatewayProjectStatus.Active.Contains(GatewayProjectStatus.Describe(sandbox, p)));
    }

    private static string HeaderOr(HttpRequest request, string name, string fallback) =>
        request.Headers[name].ToString().Trim() is { Length: > 0 } value ? value : fallback;
}

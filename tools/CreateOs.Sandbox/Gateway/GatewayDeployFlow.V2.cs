using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CreateOs.Sandbox.Chains;
using Base64Url = CreateOs.Core.Gateway.Base64Url;

namespace CreateOs.Sandbox.Gateway;

/// <summary>
/// Payment v2 (docs/payment-v2.md "What the gateway checks and answers"): the credential's challenge or offer, the
/// EIP-3009 authorization, the replay reference, settlement by the gateway's settler, credits, deploy, receipt headers.
/// </summary>
public sealed partial class GatewayDeployFlow
{
    public const string PaymentReceiptHeader = "Payment-Receipt";
    public const string PaymentResponseHeader = "PAYMENT-RESPONSE";
    public const string ReferenceRecordedError = "Payment reference already recorded";
    public const string SettlementFailedError = "Payment settlement failed";

    /// <summary>An RFC 9457 problem: answered with 402, the problem body and fresh challenges.</summary>
    private sealed class PaymentProblem(string type, string title, string detail) : Exception(detail)
    {
        public string Type { get; } = type;
        public string Title { get; } = title;

        public static PaymentProblem InvalidChallenge(string detail) => new("invalid-challenge", "Invalid challenge", detail);
        public static PaymentProblem Expired(string detail) => new("payment-expired", "Payment expired", detail);
        public static PaymentProblem VerificationFailed(string detail) => new("verification-failed", "Payment verification failed", detail);
    }

    /// <summary>
    /// What a credential pays for: the chain and token of the offer, its amount and recipient; for MPP also the challenge
    /// (id and realm bind an authorization's nonce), the credential types it accepts and its externalId.
    /// </summary>
    private sealed record AcceptedOffer(GatewayUsdcOffer Offer, BigInteger Amount, string Recipient)
    {
        public IReadOnlyList<string> CredentialTypes { get; init; } = [MppCredentialType.Authorization];
        public string? ChallengeId { get; init; }
        public string? Realm { get; init; }
        public string? ExternalId { get; init; }
    }

    private async Task<IResult> PaidV2Async(HttpContext context, string wallet, GatewayDeployRequest request, decimal priceUsd, PaymentCredential credential)
    {
        var price = GatewayMoney.UsdToBaseUnits(priceUsd);
        AcceptedOffer accepted;
        try
        {
            if (credential.Kind == PaymentCredentialKind.Mpp)
            {
                accepted = CheckMppChallenge(credential, request);
                CheckMppPayload(credential, wallet, accepted);
                if (credential.PayloadType != MppCredentialType.Authorization)
                    return await PaidMppTransferAsync(context, wallet, request, priceUsd, credential, accepted, BigInteger.Max(price, accepted.Amount));
            }
            else accepted = CheckX402Offer(credential, price);
            CheckAuthorization(credential.Authorization!, wallet, accepted, price);
        }
        catch (PaymentProblem problem)
        {
            return ProblemWithFreshChallenges(context, wallet, request, priceUsd, problem);
        }

        var authorization = credential.Authorization!;
        if (!state.TryRecordAuthorization(authorization.From, authorization.Nonce)) throw new GatewayException(409, ReferenceRecordedError);

        var settleTx = await SettleAsync(accepted.Offer, authorization);
        var creditedUsd = GatewayMoney.BaseUnitsToUsd(authorization.Value);
        state.GrantCredits(wallet, creditedUsd);
        var protocol = credential.Kind == PaymentCredentialKind.Mpp ? GatewayPaymentProtocol.Mpp : GatewayPaymentProtocol.X402;
        state.RecordPayment(new GatewayPayment(settleTx, accepted.Offer.Chain.Name, "usdc", GatewayState.Key(wallet), authorization.Value, creditedUsd,
            state.Now, protocol, authorization.Nonce));

        // Set before deploying, so a downstream 500 still tells the client its payment was settled (and where).
        AddReceiptHeaders(context, credential, accepted, settleTx, authorization.From);
        return DeployWithCredits(wallet, request, priceUsd, StartedMessage);
    }

    /// <summary>draft-httpauth-payment "Challenge Binding" and the challenge steps of draft-evm-charge "Verification Procedure" (3, 4).</summary>
    private AcceptedOffer CheckMppChallenge(PaymentCredential credential, GatewayDeployRequest request)
    {
        if (!Options.ChallengeForms.HasFlag(GatewayChallengeForms.Mpp))
            throw PaymentProblem.InvalidChallenge("this gateway does not issue MPP challenges");
        var challenge = credential.Challenge;
        var expectedId = Encoding.ASCII.GetBytes(GatewayChallenge.ChallengeId(challenge));
        if (!CryptographicOperations.FixedTimeEquals(expectedId, Encoding.ASCII.GetBytes(challenge["id"])))
            throw PaymentProblem.InvalidChallenge("the challenge id does not match its parameters");

        if (!DateTimeOffset.TryParse(challenge["expires"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
            throw PaymentProblem.InvalidChallenge("expires is not a timestamp");
        if (state.Now >= expires) throw PaymentProblem.Expired($"the challenge expired at {challenge["expires"]}");

        if (!challenge.TryGetValue("digest", out var digest) || digest != GatewayChallenge.BodyDigest(request.RawBody))
            throw PaymentProblem.InvalidChallenge("the challenge is bound to a different request body (digest mismatch)");

        // The id proved the request parameter is one this gateway wrote, so it parses.
        var chargeRequest = JsonNode.Parse(Base64Url.Decode(challenge["request"]))!.AsObject();
        var methodDetails = chargeRequest["methodDetails"]!.AsObject();
        var chainId = (long)methodDetails["chainId"]!;
        var currency = (string)chargeRequest["currency"]!;
        var offer = GatewayChallenge.UsdcOffers(Options).FirstOrDefault(o => o.Chain.ChainId == chainId && EvmHex.AddressEquals(o.Usdc, currency))
            ?? throw PaymentProblem.InvalidChallenge($"chain {chainId} with currency {currency} is no longer offered");
        return new AcceptedOffer(offer, BigInteger.Parse((string)chargeRequest["amount"]!, CultureInfo.InvariantCulture), (string)chargeRequest["recipient"]!)
        {
            // Absent credentialTypes means "transaction" must be accepted (draft-evm-charge "Credential Type Negotiation").
            CredentialTypes = methodDetails["credentialTypes"] is JsonArray types ? types.Select(t => (string)t!).ToList() : [MppCredentialType.Transaction, MppCredentialType.Hash],
            ChallengeId = challenge["id"],
            Realm = challenge["realm"],
            ExternalId = (string?)chargeRequest["externalId"],
        };
    }

    /// <summary>
    /// The payload type must be one this challenge offered and this gateway verifies; a <c>source</c>, when sent, must be
    /// the did:pkh of the payer (the authorization's <c>from</c>, else the wallet) on the challenge's chain, as mppx's server checks; an authorization's nonce must
    /// be the challenge hash keccak256(id ‖ realm) (draft-evm-charge "Authorization Verification" step 5).
    /// </summary>
    private static void CheckMppPayload(PaymentCredential credential, string wallet, AcceptedOffer accepted)
    {
        if (!accepted.CredentialTypes.Contains(credential.PayloadType) || !MppCredentialType.Supported.Contains(credential.PayloadType))
            throw PaymentProblem.VerificationFailed($"payload.type \"{credential.PayloadType}\" is not accepted by this challenge (credentialTypes: {string.Join(", ", accepted.CredentialTypes)})");
        if (credential.Source is { } source)
        {
            var expectedPrefix = $"did:pkh:eip155:{accepted.Offer.Chain.ChainId.ToString(CultureInfo.InvariantCulture)}:";
            var payer = credential.Authorization?.From ?? wallet;
            if (!source.StartsWith(expectedPrefix, StringComparison.Ordinal) || !EvmHex.AddressEquals(source[expectedPrefix.Length..], payer))
                throw PaymentProblem.VerificationFailed($"source \"{source}\" is not the payer on chain {accepted.Offer.Chain.ChainId}");
        }
        if (credential.PayloadType == MppCredentialType.Authorization
            && credential.Authorization!.Nonce != ChallengeHash(accepted.ChallengeId!, accepted.Realm!))
            throw PaymentProblem.VerificationFailed("payload.nonce is not the challenge hash keccak256(challenge.id ‖ challenge.realm)");
    }

    /// <summary>keccak256(abi.encodePacked(id, realm)) as lower-case 0x hex: the EIP-3009 nonce that binds an authorization to its challenge.</summary>
    public static string ChallengeHash(string id, string realm) =>
        "0x" + Convert.ToHexStringLower(CreateOs.Core.Wallet.Keccak256.Hash(Encoding.UTF8.GetBytes(id + realm)));

    private AcceptedOffer CheckX402Offer(PaymentCredential credential, BigInteger price)
    {
        if (!Options.ChallengeForms.HasFlag(GatewayChallengeForms.X402))
            throw PaymentProblem.InvalidChallenge("this gateway does not issue x402 offers");
        // Host and scheme are not compared: one real gateway advertised http:// behind its TLS proxy (mpp-gateway.md §11).
        if (!Uri.TryCreate(credential.ResourceUrl, UriKind.Absolute, out var resource)
            || !resource.AbsolutePath.TrimEnd('/').Equals("/agent/deploy", StringComparison.OrdinalIgnoreCase))
            throw PaymentProblem.InvalidChallenge("resource.url is not this gateway's /agent/deploy");
        foreach (var offer in GatewayChallenge.UsdcOffers(Options))
        {
            // Round-tripped through text so both sides are parsed JSON and numbers compare by value.
            var expected = JsonNode.Parse(GatewayChallenge.X402Offer(Options, offer, price).ToJsonString());
            if (JsonNode.DeepEquals(expected, credential.Accepted)) return new AcceptedOffer(offer, price, Options.PayTo);
        }
        throw PaymentProblem.InvalidChallenge("accepted is not an offer this gateway makes for this request");
    }

    private void CheckAuthorization(TransferAuthorizationMessage authorization, string wallet, AcceptedOffer accepted, BigInteger price)
    {
        if (!EvmHex.AddressEquals(authorization.From, wallet))
            throw PaymentProblem.VerificationFailed("authorization.from is not the authenticated wallet");
        if (!EvmHex.AddressEquals(authorization.To, Options.PayTo) || !EvmHex.AddressEquals(authorization.To, accepted.Recipient))
            throw PaymentProblem.VerificationFailed("authorization.to is not the recipient");
        if (authorization.Value < price || authorization.Value < accepted.Amount)
            throw PaymentProblem.VerificationFailed($"authorization.value {authorization.Value} is below the price {BigInteger.Max(price, accepted.Amount)}");
        var now = state.Now.ToUnixTimeSeconds();
        if (authorization.ValidAfter >= now) throw PaymentProblem.VerificationFailed("the authorization is not valid yet (validAfter)");
        if (authorization.ValidBefore <= now) throw PaymentProblem.VerificationFailed("the authorization has expired (validBefore)");
        if (!authorization.HasCanonicalSignature)
            throw PaymentProblem.VerificationFailed("the signature is not canonical (v must be 27 or 28, s in the lower half)");
        var signer = authorization.RecoverSigner(accepted.Offer.Chain.ChainId, accepted.Offer.Usdc);
        if (!EvmHex.AddressEquals(signer, authorization.From))
            throw PaymentProblem.VerificationFailed("the signature does not recover to authorization.from (EIP-712, USD Coin v2)");
    }

    /// <summary>
    /// The settler submits transferWithAuthorization and waits for the receipt. Not cancelled by the client going away:
    /// like a real server, the gateway finishes what it started. On failure the reference is released only if the
    /// authorization is provably still unused on-chain.
    /// </summary>
    private async Task<string> SettleAsync(GatewayUsdcOffer offer, TransferAuthorizationMessage authorization)
    {
        var chainName = offer.Chain.Name;
        if (chains is null || !chains.TryGetChain(chainName, out _))
        {
            state.ReleaseAuthorization(authorization.From, authorization.Nonce);
            throw new GatewayException(502, $"{SettlementFailedError}: sandbox chain '{chainName}' is not running");
        }

        var fault = Options.SettlementFault;
        string failure;
        try
        {
            if (fault == SettlementFault.FailBeforeSending) throw new InvalidOperationException("sandbox settlement fault (before sending)");
            var receipt = await chains.SendAsImpersonatedAsync(chainName, Options.SettlerAddress, offer.Usdc,
                authorization.TransferWithAuthorizationCalldata(), CancellationToken.None);
            if (!receipt.Succeeded) throw new InvalidOperationException($"transaction {receipt.TransactionHash} reverted");
            if (fault == SettlementFault.FailAfterSending)
                throw new InvalidOperationException($"sandbox settlement fault (after sending {receipt.TransactionHash})");
            return receipt.TransactionHash;
        }
        catch (Exception e) when (e is ChainRpcException or InvalidOperationException or TimeoutException)
        {
            failure = e.Message;
        }

        try
        {
            if (!await chains.GetAuthorizationStateAsync(chainName, offer.Usdc, authorization.From, authorization.Nonce, CancellationToken.None))
                state.ReleaseAuthorization(authorization.From, authorization.Nonce);
        }
        catch (ChainRpcException)
        {
            // Unknown on-chain state: keep the reference, a replay must not settle twice.
        }
        throw new GatewayException(502, $"{SettlementFailedError}: {failure}");
    }

    /// <summary>
    /// <c>Payment-Receipt</c> (draft-httpauth-payment "Payment-Receipt Header", draft-evm-charge "Receipt Generation":
    /// method, challengeId, reference = the transaction that moved the money, status, timestamp, chainId, externalId) and,
    /// for x402, <c>PAYMENT-RESPONSE</c>.
    /// </summary>
    private void AddReceiptHeaders(HttpContext context, PaymentCredential credential, AcceptedOffer accepted, string transactionHash, string payer)
    {
        var receipt = new JsonObject
        {
            ["method"] = GatewayChallenge.Method,
            ["status"] = "success",
            ["reference"] = transactionHash,
            ["timestamp"] = GatewayChallenge.FormatTime(state.Now),
            ["chainId"] = accepted.Offer.Chain.ChainId,
        };
        if (accepted.ChallengeId is not null) receipt["challengeId"] = accepted.ChallengeId;
        if (accepted.ExternalId is not null) receipt["externalId"] = accepted.ExternalId;
        context.Response.Headers[PaymentReceiptHeader] = Base64Url.Encode(Encoding.UTF8.GetBytes(receipt.ToJsonString()));
        if (credential.Kind != PaymentCredentialKind.X402) return;
        var response = new JsonObject
        {
            ["success"] = true,
            ["payer"] = payer,
            ["transaction"] = transactionHash,
            ["network"] = GatewayChallenge.Network(accepted.Offer.Chain.ChainId),
        };
        context.Response.Headers[PaymentResponseHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(response.ToJsonString()));
    }

    private IResult ProblemWithFreshChallenges(HttpContext context, string wallet, GatewayDeployRequest request, decimal priceUsd, PaymentProblem problem)
    {
        var quote = NewQuote(wallet, request, priceUsd, CountActiveProjects(wallet), sharedCreditsWarning: false);
        GatewayChallenge.AddV2Challenges(context, Options, quote, GatewayChallenge.BodyDigest(request.RawBody), warning: null);
        var body = new JsonObject
        {
            ["type"] = "https://paymentauth.org/problems/" + problem.Type,
            ["title"] = problem.Title,
            ["status"] = 402,
            ["detail"] = problem.Message,
            ["error"] = problem.Title,
        };
        return GatewayResults.Json(body, 402, GatewayResults.ProblemContentType);
    }
}

using System.Numerics;

namespace CreateOs.Sandbox.Gateway;

/// <summary>A project deployed through the gateway and the wallet that owns it (lower-case address).</summary>
public sealed record GatewayProject(Guid ProjectId, string Wallet, string UniqueName, DateTimeOffset CreatedAt);

/// <summary>A 402 quote the gateway issued.</summary>
public sealed record GatewayQuote(string Wallet, string UniqueName, int Months, decimal AmountUsd, BigInteger AmountToken,
    decimal CreditBalanceUsd, int ActiveProjects, bool SharedCreditsWarning, DateTimeOffset IssuedAt);

/// <summary>How a payment reached the gateway.</summary>
public enum GatewayPaymentProtocol
{
    /// <summary>The wallet's own ERC-20 transfer, submitted as X-Payment-Tx.</summary>
    V1,

    /// <summary>An EIP-3009 authorization in <c>Authorization: Payment</c>, settled by the gateway.</summary>
    Mpp,

    /// <summary>An EIP-3009 authorization in <c>PAYMENT-SIGNATURE</c>, settled by the gateway.</summary>
    X402,
}

/// <summary>
/// A payment the gateway accepted: the credits it bought. <see cref="TransactionHash"/> is the wallet's transfer (v1) or
/// the gateway's settlement transaction (v2); <see cref="Wallet"/> is the payer; <see cref="AuthorizationNonce"/> is
/// the EIP-3009 nonce of a v2 payment.
/// </summary>
public sealed record GatewayPayment(string TransactionHash, string Chain, string Token, string Wallet, BigInteger Amount,
    decimal CreditedUsd, DateTimeOffset VerifiedAt, GatewayPaymentProtocol Protocol = GatewayPaymentProtocol.V1, string? AuthorizationNonce = null);

/// <summary>One /agent request as the gateway saw it (wallet = the raw X-Wallet-Address header, if any).</summary>
public sealed record GatewayRequest(DateTimeOffset Time, string Method, string Path, string? Wallet, bool HasPaymentTx, bool HasPaymentCredential = false);

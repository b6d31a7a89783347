using System.Numerics;

namespace CreateOs.Sandbox.Gateway;

/// <summary>A project deployed through the gateway and the wallet that owns it (lower-case address).</summary>
public sealed record GatewayProject(Guid ProjectId, string Wallet, string UniqueName, DateTimeOffset CreatedAt);

/// <summary>A 402 quote the gateway issued.</summary>
public sealed record GatewayQuote(string Wallet, string UniqueName, int Months, decimal AmountUsd, BigInteger AmountToken,
    decimal CreditBalanceUsd, int ActiveProjects, bool SharedCreditsWarning, DateTimeOffset IssuedAt);

/// <summary>A payment accepted on a paid retry: the credits it bought.</summary>
public sealed record GatewayPayment(string TransactionHash, string Chain, string Token, string Wallet, BigInteger Amount,
    decimal CreditedUsd, DateTimeOffset VerifiedAt);

/// <summary>One /agent request as the gateway saw it (wallet = the raw X-Wallet-Address header, if any).</summary>
public sealed record GatewayRequest(DateTimeOffset Time, string Method, string Path, string? Wallet, bool HasPaymentTx);

using System.Numerics;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using CreateOs.Sandbox.Chains;
using TransactionReceipt = CreateOs.Sandbox.Chains.TransactionReceipt;

namespace CreateOs.Sandbox.Tests.Chains;

/// <summary>
/// The sandbox token's EIP-3009 on anvil, with authorizations signed by the core's <see cref="Eip3009.Sign"/> for the
/// pinned real-USDC domain: the installed token must accept exactly what real USDC accepts.
/// </summary>
public sealed class TransferWithAuthorizationTests(SandboxChainsFixture fixture) : IClassFixture<SandboxChainsFixture>
{
    private const string Chain = "arbitrum";
    private static readonly TokenInfo Usdc = TokenRegistry.GetToken(TokenRegistry.GetChain(Chain), "USDC");

    private SandboxChain ArbitrumChain => fixture.Chains.GetChain(Chain);

    [Fact]
    public async Task TheDomainSeparatorIsRealUsdcs()
    {
        var separator = await ArbitrumChain.Rpc.EthCallAsync(Usdc.Address.ToChecksumString(), "0x3644e515"); // DOMAIN_SEPARATOR()
        Assert.Equal(Hex.Encode(Usdc.Eip712Domain.Separator()), separator);
        var typeHash = await ArbitrumChain.Rpc.EthCallAsync(Usdc.Address.ToChecksumString(), "0xa0cc6a68"); // TRANSFER_WITH_AUTHORIZATION_TYPEHASH()
        Assert.Equal(Hex.Encode(Eip3009.TransferWithAuthorizationTypeHash), typeHash);
        Assert.Equal("USD Coin", EvmHex.DecodeAbiString(await ArbitrumChain.Rpc.EthCallAsync(Usdc.Address.ToChecksumString(), "0x06fdde03")));
    }

    [Fact]
    public async Task AValidAuthorizationMovesTheTokensOnceWithoutThePayersGas()
    {
        using var payer = await FundedKeyAsync();
        var recipient = ChainTestSupport.RandomAddress();
        var authorization = NewAuthorization(payer, recipient, 250_000);
        var signature = Eip3009.Sign(payer, Usdc.Eip712Domain, authorization);
        var payerEth = await fixture.Chains.GetEthBalanceAsync(Chain, payer.Address.ToChecksumString());
        Assert.False(await AuthorizationStateAsync(authorization));

        var receipt = await SubmitAsync(authorization, signature);

        Assert.True(receipt.Succeeded);
        Assert.Equal(250_000, await fixture.Chains.GetTokenBalanceAsync(Chain, "usdc", recipient));
        Assert.Equal(750_000, await fixture.Chains.GetTokenBalanceAsync(Chain, "usdc", payer.Address.ToChecksumString()));
        Assert.Equal(payerEth, await fixture.Chains.GetEthBalanceAsync(Chain, payer.Address.ToChecksumString()));
        Assert.True(await AuthorizationStateAsync(authorization));

        var used = Assert.Single(receipt.Logs, log => log.Topics[0] == Eip3009.AuthorizationUsedTopic);
        Assert.Equal("0x" + EvmHex.AddressToWord(payer.Address.ToChecksumString()), used.Topics[1]);
        Assert.Equal(authorization.NonceHex, used.Topics[2]);
        var transfer = Assert.Single(SandboxChains.DecodeTransfers(receipt));
        Assert.Equal((payer.Address.ToLowerHexString(), recipient, new BigInteger(250_000)), (transfer.From, transfer.To, transfer.Value));

        var replay = await Assert.ThrowsAsync<ChainRpcException>(() => SubmitAsync(authorization, signature));
        Assert.Contains("authorization is used or canceled", replay.Message);
    }

    [Fact]
    public async Task AnExpiredAuthorizationReverts()
    {
        using var payer = await FundedKeyAsync();
        var authorization = NewAuthorization(payer, ChainTestSupport.RandomAddress(), 1, validBefore: Now() - 1);
        var failure = await Assert.ThrowsAsync<ChainRpcException>(() => SubmitAsync(authorization, Eip3009.Sign(payer, Usdc.Eip712Domain, authorization)));
        Assert.Contains("authorization is expired", failure.Message);
        Assert.False(await AuthorizationStateAsync(authorization));
    }

    [Fact]
    public async Task AnAuthorizationThatIsNotValidYetReverts()
    {
        using var payer = await FundedKeyAsync();
        var authorization = NewAuthorization(payer, ChainTestSupport.RandomAddress(), 1, validAfter: Now() + 600);
        var failure = await Assert.ThrowsAsync<ChainRpcException>(() => SubmitAsync(authorization, Eip3009.Sign(payer, Usdc.Eip712Domain, authorization)));
        Assert.Contains("authorization is not yet valid", failure.Message);
    }

    [Fact]
    public async Task ASignatureByAnotherKeyReverts()
    {
        using var payer = await FundedKeyAsync();
        using var stranger = EthereumKey.Generate();
        var authorization = NewAuthorization(payer, stranger.Address.ToChecksumString(), 1);
        var forged = stranger.SignHash(Eip3009.Digest(Usdc.Eip712Domain, authorization));
        var failure = await Assert.ThrowsAsync<ChainRpcException>(() => SubmitAsync(authorization, forged));
        Assert.Contains("FiatTokenV2: invalid signature", failure.Message);
    }

    [Fact]
    public async Task ASignatureForAnotherChainReverts()
    {
        using var payer = await FundedKeyAsync();
        var authorization = NewAuthorization(payer, ChainTestSupport.RandomAddress(), 1);
        var baseUsdc = TokenRegistry.GetToken(TokenRegistry.GetChain("base"), "USDC");
        var failure = await Assert.ThrowsAsync<ChainRpcException>(() => SubmitAsync(authorization, Eip3009.Sign(payer, baseUsdc.Eip712Domain, authorization)));
        Assert.Contains("FiatTokenV2: invalid signature", failure.Message);
    }

    [Fact]
    public async Task TheHighSTwinOfAValidSignatureReverts()
    {
        using var payer = await FundedKeyAsync();
        var authorization = NewAuthorization(payer, ChainTestSupport.RandomAddress(), 1);
        var signature = Eip3009.Sign(payer, Usdc.Eip712Domain, authorization);
        Assert.True(signature.IsLowS);
        // (r, n − s, other v) recovers to the same signer: only USDC's low-s rule rejects it.
        var curveOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        var highS = curveOrder - new BigInteger(signature.S, isUnsigned: true, isBigEndian: true);
        var twin = new EthereumSignature(signature.R, highS.ToByteArray(isUnsigned: true, isBigEndian: true), 1 - signature.RecoveryId);
        Assert.Equal(payer.Address, Eip3009.RecoverSigner(Usdc.Eip712Domain, authorization, twin.ToBytes65()));

        var failure = await Assert.ThrowsAsync<ChainRpcException>(() => SubmitAsync(authorization, twin));
        Assert.Contains("invalid signature 's' value", failure.Message);
    }

    private async Task<EthereumKey> FundedKeyAsync()
    {
        var key = EthereumKey.Generate();
        await fixture.Chains.FundAsync(key.Address.ToChecksumString(), 1m);
        return key;
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static TransferAuthorization NewAuthorization(EthereumKey payer, string to, BigInteger value, long? validAfter = null, long? validBefore = null) => new()
    {
        From = payer.Address,
        To = EthereumAddress.Parse(to),
        Value = value,
        ValidAfter = validAfter ?? Now() - 600,
        ValidBefore = validBefore ?? Now() + 600,
        Nonce = TransferAuthorization.NewNonce(),
    };

    /// <summary>Submitted by a random account (anyone may relay an authorization), never by the payer.</summary>
    private Task<TransactionReceipt> SubmitAsync(TransferAuthorization authorization, EthereumSignature signature) =>
        fixture.Chains.SendAsImpersonatedAsync(Chain, ChainTestSupport.RandomAddress(), Usdc.Address.ToChecksumString(),
            Hex.Encode(Eip3009.EncodeTransferWithAuthorization(authorization, signature)));

    private Task<bool> AuthorizationStateAsync(TransferAuthorization authorization) =>
        fixture.Chains.GetAuthorizationStateAsync(Chain, "usdc", authorization.From.ToChecksumString(), authorization.NonceHex);
}

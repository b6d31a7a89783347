using System.Numerics;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using Xunit;

namespace CreateOs.Core.Tests.Chain;

/// <summary>End-to-end against a real anvil: sign, broadcast, wait, and the refusals that must happen before signing.</summary>
public class AnvilPaymentTests : IClassFixture<AnvilFixture>
{
    // A minimal ERC-20 (balanceOf at slot 0, decimals() = 6, transfer emitting Transfer, reverting "insufficient balance"),
    // compiled with solc 0.8.37 --optimize (evm paris) from the source in the comment at the bottom of this file.
    private const string TokenRuntime = "0x608060405234801561001057600080fd5b50600436106100415760003560e01c8063313ce5671461004657806370a082311461005a578063a9059cbb14610088575b600080fd5b604051600681526020015b60405180910390f35b61007a6100683660046101bc565b60006020819052908152604090205481565b604051908152602001610051565b61009b6100963660046101de565b6100ab565b6040519015158152602001610051565b336000908152602081905260408120548211156101055760405162461bcd60e51b8152602060048201526014602482015273696e73756666696369656e742062616c616e636560601b604482015260640160405180910390fd5b336000908152602081905260408120805484929061012490849061021e565b90915550506001600160a01b03831660009081526020819052604081208054849290610151908490610231565b90915550506040518281526001600160a01b0384169033907fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef9060200160405180910390a35060015b92915050565b80356001600160a01b03811681146101b757600080fd5b919050565b6000602082840312156101ce57600080fd5b6101d7826101a0565b9392505050565b600080604083850312156101f157600080fd5b6101fa836101a0565b946020939093013593505050565b634e487b7160e01b600052601160045260246000fd5b8181038181111561019a5761019a610208565b8082018082111561019a5761019a61020856fea2646970667358221220436fe07208710ffee58daa273c28622ad0023590367dead0b664314969a48ff964736f6c63430008250033";

    private static readonly EthereumAddress Recipient = EthereumAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private readonly AnvilFixture _anvil;

    public AnvilPaymentTests(AnvilFixture anvil) => _anvil = anvil;

    private EthRpcClient Rpc => _anvil.Rpc;

    private async Task InstallTokenAsync(TokenInfo token, EthereumAddress holder, BigInteger balance)
    {
        await Rpc.RequestAsync("anvil_setCode", new object?[] { token.Address.ToLowerHexString(), TokenRuntime });
        byte[] slot = Keccak256.Hash(Erc20Abi.AddressWord(holder), new byte[32]); // balanceOf[holder], mapping at slot 0
        await Rpc.RequestAsync("anvil_setStorageAt", new object?[]
        {
            token.Address.ToLowerHexString(), Hex.Encode(slot), Hex.Encode(BigEndian.ToFixedBytes(balance, 32)),
        });
    }

    [Fact]
    public async Task Reports_chain_id_and_fee_data()
    {
        Assert.Equal(42161UL, await Rpc.GetChainIdAsync());
        RpcBlock? block = await Rpc.GetBlockByNumberAsync();
        Assert.NotNull(block);
        Assert.NotNull(block!.BaseFeePerGas);
        Assert.True(await Rpc.GetGasPriceAsync() > 0);
        Assert.True(await Rpc.GetMaxPriorityFeePerGasAsync() >= 0);
        using var key = EthereumKey.FromHex(AnvilFixture.Account0Key);
        Assert.True(await Rpc.GetBalanceAsync(key.Address) > 0);
    }

    [Fact]
    public async Task Native_transfer_is_signed_broadcast_and_mined()
    {
        using var key = EthereumKey.FromHex(AnvilFixture.Account0Key);
        var payer = new Erc20Payer(Rpc, TokenRegistry.Arbitrum);
        var someone = EthereumAddress.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
        BigInteger before = await Rpc.GetBalanceAsync(someone);

        SignedTransaction tx = await payer.BuildNativeTransferAsync(key, someone, 12345);
        Assert.Equal(BigInteger.Zero, tx.MaxPriorityFeePerGas); // Arbitrum: no tip
        Assert.Equal(tx.Hash, Hex.Encode(Keccak256.Hash(tx.Raw)));

        BroadcastResult sent = await payer.BroadcastAsync(tx);
        Assert.Equal(BroadcastStatus.Accepted, sent.Status);
        Assert.Equal(tx.Hash, sent.TransactionHash);

        ReceiptWaitResult mined = await payer.WaitForReceiptAsync(tx.Hash, TimeSpan.FromSeconds(30));
        Assert.Equal(ReceiptWaitStatus.Succeeded, mined.Status);
        Assert.Equal(before + 12345, await Rpc.GetBalanceAsync(someone));

        RpcTransaction? lookup = await Rpc.GetTransactionByHashAsync(tx.Hash);
        Assert.NotNull(lookup);
        Assert.Equal(tx.Nonce, lookup!.Nonce);
        Assert.Equal(key.Address, lookup.From);
        Assert.NotNull(lookup.BlockNumber);

        // Sending the same bytes again is not a failure: the caller looks it up by hash.
        BroadcastResult again = await payer.BroadcastAsync(tx);
        Assert.NotEqual(BroadcastStatus.Accepted, again.Status);
        Assert.Equal(tx.Hash, again.TransactionHash);
    }

    [Fact]
    public async Task Erc20_transfer_is_mined_with_matching_transfer_log()
    {
        using var key = EthereumKey.FromHex(AnvilFixture.Account0Key);
        TokenInfo usdc = TokenRegistry.GetToken("arbitrum", "usdc");
        await InstallTokenAsync(usdc, key.Address, 100_000_000);
        var balances = new BalanceReader(Rpc);
        Assert.Equal(6, await balances.GetDecimalsAsync(usdc));
        BigInteger startBalance = await balances.GetTokenBalanceAsync(usdc, key.Address);
        BigInteger recipientStart = await balances.GetTokenBalanceAsync(usdc, Recipient);

        var payer = new Erc20Payer(Rpc, TokenRegistry.Arbitrum);
        SignedTransaction tx = await payer.BuildTransferAsync(key, usdc, Recipient, 1_500_000);
        Assert.Equal(usdc.Address, tx.To);
        Assert.True(tx.GasLimit > 21000);
        Assert.Equal((await Rpc.GetTransactionCountAsync(key.Address)), tx.Nonce); // not broadcast yet

        Assert.Equal(BroadcastStatus.Accepted, (await payer.BroadcastAsync(tx)).Status);
        ReceiptWaitResult mined = await payer.WaitForReceiptAsync(tx.Hash, TimeSpan.FromSeconds(30));
        Assert.Equal(ReceiptWaitStatus.Succeeded, mined.Status);
        Assert.Equal(1, mined.Receipt!.Status);

        var transfers = mined.Receipt.Logs.Select(l => Erc20Abi.TryDecodeTransferLog(l, out var t) ? t : null).Where(t => t != null).ToList();
        var transfer = Assert.Single(transfers);
        Assert.Equal(usdc.Address, transfer!.Token);
        Assert.Equal(key.Address, transfer.From);
        Assert.Equal(Recipient, transfer.To);
        Assert.Equal(new BigInteger(1_500_000), transfer.Value);

        Assert.NotNull(PaymentVerification.FindPayment(mined.Receipt, usdc.Address, Recipient, 1_500_000, key.Address));
        Assert.Null(PaymentVerification.FindPayment(mined.Receipt, usdc.Address, Recipient, 1_500_001));
        Assert.Null(PaymentVerification.FindPayment(mined.Receipt, TokenRegistry.GetToken("arbitrum", "usdt").Address, Recipient, 1));
        Assert.Null(PaymentVerification.FindPayment(mined.Receipt, usdc.Address, key.Address, 1));

        Assert.Equal(startBalance - 1_500_000, await balances.GetTokenBalanceAsync(usdc, key.Address));
        Assert.Equal(recipientStart + 1_500_000, await balances.GetTokenBalanceAsync(usdc, Recipient));
    }

    [Fact]
    public async Task Generic_eip1559_fee_model_caps_the_tip()
    {
        using var key = EthereumKey.FromHex(AnvilFixture.Account0Key);
        var chain = new ChainInfo("anvil", "anvil as Base-like", AnvilFixture.ChainId, new Uri("http://127.0.0.1"), FeeModel.Eip1559, BigInteger.Pow(10, 16));
        FeeEstimate fees = await FeeStrategy.EstimateAsync(Rpc, chain);
        Assert.True(fees.MaxPriorityFeePerGas <= FeeStrategy.DefaultMaxPriorityFeeCapWei);
        Assert.Equal(fees.BaseFeePerGas * 2 + fees.MaxPriorityFeePerGas, fees.MaxFeePerGas);

        var payer = new Erc20Payer(Rpc, chain);
        SignedTransaction tx = await payer.BuildNativeTransferAsync(key, Recipient, 1);
        await payer.BroadcastAsync(tx);
        Assert.Equal(ReceiptWaitStatus.Succeeded, (await payer.WaitForReceiptAsync(tx.Hash, TimeSpan.FromSeconds(30))).Status);
    }

    [Fact]
    public async Task Chain_id_mismatch_is_refused_before_signing()
    {
        using var key = EthereumKey.FromHex(AnvilFixture.Account0Key);
        ulong nonceBefore = await Rpc.GetTransactionCountAsync(key.Address);
        var payer = new Erc20Payer(Rpc, TokenRegistry.Base); // anvil says 42161
        var ex = await Assert.ThrowsAsync<ChainIdMismatchException>(() =>
            payer.BuildTransferAsync(key, TokenRegistry.GetToken("base", "USDC"), Recipient, 1_000_000));
        Assert.Equal(8453UL, ex.ExpectedChainId);
        Assert.Equal(42161UL, ex.ActualChainId);
        await Assert.ThrowsAsync<ChainIdMismatchException>(() => payer.BuildNativeTransferAsync(key, Recipient, 1));
        Assert.Equal(nonceBefore, await Rpc.GetTransactionCountAsync(key.Address));
    }

    [Fact]
    public async Task Gas_cost_ceiling_is_refused_before_signing()
    {
        using var key = EthereumKey.FromHex(AnvilFixture.Account0Key);
        var payer = new Erc20Payer(Rpc, TokenRegistry.Arbitrum);
        var ex = await Assert.ThrowsAsync<GasCostCeilingExceededException>(() =>
            payer.BuildNativeTransferAsync(key, Recipient, 1, new TransactionBuildOptions { MaxGasCostWei = 1000 }));
        Assert.True(ex.MaxGasCostWei > ex.CeilingWei);
    }

    [Fact]
    public async Task Token_for_another_chain_and_insufficient_balance_are_refused()
    {
        using var key = EthereumKey.FromHex(AnvilFixture.Account0Key);
        var payer = new Erc20Payer(Rpc, TokenRegistry.Arbitrum);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            payer.BuildTransferAsync(key, TokenRegistry.GetToken("base", "usdc"), Recipient, 1));

        TokenInfo usdt = TokenRegistry.GetToken("arbitrum", "usdt");
        using var poor = EthereumKey.Generate();
        await InstallTokenAsync(usdt, key.Address, 5);
        await Assert.ThrowsAsync<InsufficientFundsException>(() => payer.BuildTransferAsync(poor, usdt, Recipient, 1));
    }

    [Fact]
    public async Task Estimate_gas_revert_surfaces_code_3_and_reason()
    {
        TokenInfo usdt = TokenRegistry.GetToken("arbitrum", "usdt");
        using var key = EthereumKey.FromHex(AnvilFixture.Account0Key);
        await InstallTokenAsync(usdt, key.Address, 5);
        using var poor = EthereumKey.Generate();
        var ex = await Assert.ThrowsAsync<JsonRpcException>(() => Rpc.EstimateGasAsync(new CallRequest
        {
            From = poor.Address, To = usdt.Address, Data = Erc20Abi.EncodeTransfer(Recipient, 1),
        }));
        Assert.True(ex.IsExecutionReverted);
        Assert.Equal(3, ex.Code);
        Assert.Equal("insufficient balance", ex.RevertReason);
    }

    [Fact]
    public async Task Call_to_address_without_code_is_a_failure_not_zero()
    {
        TokenInfo baseUsdt = TokenRegistry.GetToken("base", "usdt", allowUnofficial: true); // no code on this anvil
        var owner = EthereumAddress.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
        byte[] result = await Rpc.CallAsync(new CallRequest { To = baseUsdt.Address, Data = Erc20Abi.EncodeBalanceOf(owner) });
        Assert.Empty(result);
        await Assert.ThrowsAsync<FormatException>(() => new BalanceReader(Rpc).GetTokenBalanceAsync(baseUsdt, owner));
    }

    [Fact]
    public async Task Unknown_receipt_is_null_and_waiting_ends_pending()
    {
        string unknown = Hex.Encode(Keccak256.Hash(new byte[] { 1, 2, 3 }));
        Assert.Null(await Rpc.GetTransactionReceiptAsync(unknown));
        Assert.Null(await Rpc.GetTransactionByHashAsync(unknown));
        ReceiptWaitResult result = await new ReceiptWaiter(Rpc).WaitAsync(unknown, TimeSpan.FromMilliseconds(700));
        Assert.Equal(ReceiptWaitStatus.Pending, result.Status);
        Assert.Null(result.Receipt);
    }

    [Fact]
    public async Task Unknown_method_is_a_typed_json_rpc_error()
    {
        var ex = await Assert.ThrowsAsync<JsonRpcException>(() => Rpc.RequestAsync("eth_noSuchMethod", Array.Empty<object?>()));
        Assert.NotEqual(0, ex.Code);
        Assert.Equal("eth_noSuchMethod", ex.Method);
    }
}

/* Token.sol (solc 0.8.37, optimizer 200 runs, evmVersion paris):
contract Token {
    mapping(address => uint256) public balanceOf;
    event Transfer(address indexed from, address indexed to, uint256 value);
    function decimals() external pure returns (uint8) { return 6; }
    function transfer(address to, uint256 value) external returns (bool) {
        require(balanceOf[msg.sender] >= value, "insufficient balance");
        balanceOf[msg.sender] -= value;
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }
}
*/

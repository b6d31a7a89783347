using System;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>CREATE addresses: keccak256(rlp([sender, nonce]))[12..].</summary>
    public static class ContractAddress
    {
        public static EthereumAddress Compute(EthereumAddress sender, ulong nonce)
        {
            byte[] hash = Keccak256.Hash(Rlp.EncodeList(Rlp.EncodeString(sender.ToBytes()), Rlp.EncodeInteger(nonce)));
            var address = new byte[20];
            Buffer.BlockCopy(hash, 12, address, 0, 20);
            return EthereumAddress.FromBytes(address);
        }
    }
}

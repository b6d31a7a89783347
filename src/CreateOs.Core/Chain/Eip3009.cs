using System;
using System.Numerics;
using System.Text;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>
    /// EIP-3009 <c>transferWithAuthorization</c> as USDC implements it: the EIP-712 digest of an authorization, signing
    /// and recovering it, and the contract calls a settler or a checker makes.
    /// </summary>
    public static class Eip3009
    {
        public const string TransferWithAuthorizationType =
            "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)";

        /// <summary>transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32).</summary>
        public const string TransferWithAuthorizationSelector = "0xe3ee160e";

        /// <summary>authorizationState(address,bytes32) returns (bool).</summary>
        public const string AuthorizationStateSelector = "0xe94a0102";

        /// <summary>keccak256("AuthorizationUsed(address,bytes32)").</summary>
        public static readonly string AuthorizationUsedTopic = Hex.Encode(Keccak256.Hash(Encoding.UTF8.GetBytes("AuthorizationUsed(address,bytes32)")));

        public static readonly byte[] TransferWithAuthorizationTypeHash = Keccak256.Hash(Encoding.UTF8.GetBytes(TransferWithAuthorizationType));

        /// <summary>hashStruct(message) of the authorization.</summary>
        public static byte[] StructHash(TransferAuthorization authorization)
        {
            if (authorization is null) throw new ArgumentNullException(nameof(authorization));
            return Keccak256.Hash(
                TransferWithAuthorizationTypeHash,
                Erc20Abi.AddressWord(authorization.From),
                Erc20Abi.AddressWord(authorization.To),
                Erc20Abi.Uint256Word(authorization.Value),
                Erc20Abi.Uint256Word(authorization.ValidAfter),
                Erc20Abi.Uint256Word(authorization.ValidBefore),
                authorization.Nonce);
        }

        /// <summary>The 32-byte EIP-712 digest that is signed.</summary>
        public static byte[] Digest(Eip712Domain domain, TransferAuthorization authorization)
        {
            if (domain is null) throw new ArgumentNullException(nameof(domain));
            return domain.Digest(StructHash(authorization));
        }

        /// <summary>Signs the authorization with <paramref name="key"/>, which must be its <c>from</c>.</summary>
        public static EthereumSignature Sign(EthereumKey key, Eip712Domain domain, TransferAuthorization authorization)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            if (key.Address != authorization.From)
                throw new ArgumentException($"The authorization moves tokens of {authorization.From.ToChecksumString()}, but the key is {key.Address.ToChecksumString()}.", nameof(authorization));
            return key.SignHash(Digest(domain, authorization));
        }

        /// <summary>Who signed the authorization (compare with its <c>from</c>).</summary>
        public static EthereumAddress RecoverSigner(Eip712Domain domain, TransferAuthorization authorization, byte[] signature65) =>
            EthereumSignature.FromBytes65(signature65).RecoverAddress(Digest(domain, authorization));

        /// <summary>Calldata of transferWithAuthorization(from, to, value, validAfter, validBefore, nonce, v, r, s).</summary>
        public static byte[] EncodeTransferWithAuthorization(TransferAuthorization authorization, EthereumSignature signature)
        {
            if (authorization is null) throw new ArgumentNullException(nameof(authorization));
            if (signature is null) throw new ArgumentNullException(nameof(signature));
            return Erc20Abi.Concat(
                Hex.Decode(TransferWithAuthorizationSelector),
                Erc20Abi.AddressWord(authorization.From),
                Erc20Abi.AddressWord(authorization.To),
                Erc20Abi.Uint256Word(authorization.Value),
                Erc20Abi.Uint256Word(authorization.ValidAfter),
                Erc20Abi.Uint256Word(authorization.ValidBefore),
                authorization.Nonce,
                Erc20Abi.Uint256Word(27 + signature.RecoveryId),
                signature.R,
                signature.S);
        }

        /// <summary>Calldata of authorizationState(authorizer, nonce): true once the nonce was used (or cancelled).</summary>
        public static byte[] EncodeAuthorizationState(EthereumAddress authorizer, byte[] nonce)
        {
            if (nonce is null || nonce.Length != 32) throw new ArgumentException("An EIP-3009 nonce is 32 bytes.", nameof(nonce));
            return Erc20Abi.Concat(Hex.Decode(AuthorizationStateSelector), Erc20Abi.AddressWord(authorizer), nonce);
        }
    }
}

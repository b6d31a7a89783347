// Generates EIP-712 / EIP-3009 TransferWithAuthorization vectors with ethers (an independent implementation), for
// tests/TestData/eip3009-vectors.json. Deterministic: keys and nonces come from a fixed seed.
// Usage: npm install && node tools/generate-eip3009-vectors.mjs > tests/TestData/eip3009-vectors.json
import { Wallet, TypedDataEncoder, keccak256, toUtf8Bytes, getAddress, MaxUint256 } from "ethers";

const types = {
  TransferWithAuthorization: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "validAfter", type: "uint256" },
    { name: "validBefore", type: "uint256" },
    { name: "nonce", type: "bytes32" },
  ],
};

const seeded = (label) => keccak256(toUtf8Bytes("createos-eip3009-vectors:" + label));

const domains = [
  { name: "USD Coin", version: "2", chainId: 42161, verifyingContract: "0xaf88d065e77c8cC2239327C5EDb3A432268e5831" },
  { name: "USD Coin", version: "2", chainId: 8453, verifyingContract: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913" },
  { name: "USDC", version: "2", chainId: 421614, verifyingContract: "0x75faf114eafb1BDbe2F0316DF893fd58CE46AA4d" },
  { name: "Tëst Tøken ✓", version: "1.0-beta", chainId: 1, verifyingContract: "0x0000000000000000000000000000000000000001" },
];

const values = [0n, 1n, 500000n, 1813947n, 10n ** 18n, MaxUint256];
const vectors = [];
for (let i = 0; i < 12; i++) {
  const wallet = new Wallet(seeded("key" + i));
  const domain = domains[i % domains.length];
  const message = {
    from: wallet.address,
    to: getAddress("0x" + seeded("to" + i).slice(26)),
    value: values[i % values.length],
    validAfter: i % 3 === 0 ? 0n : 1763900000n + BigInt(i),
    validBefore: i % 4 === 0 ? MaxUint256 : 1763900900n + BigInt(i * 7),
    nonce: seeded("nonce" + i),
  };
  const signature = await wallet.signTypedData(domain, types, message);
  vectors.push({
    privateKey: wallet.privateKey,
    domain,
    message: Object.fromEntries(Object.entries(message).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v])),
    domainSeparator: TypedDataEncoder.hashDomain(domain),
    structHash: TypedDataEncoder.from(types).hash(message),
    digest: TypedDataEncoder.hash(domain, types, message),
    signature,
  });
}

console.log(JSON.stringify({
  meta: {
    generator: "tools/generate-eip3009-vectors.mjs",
    library: "ethers 6 (Wallet.signTypedData, TypedDataEncoder)",
    typeHash: keccak256(toUtf8Bytes("TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)")),
  },
  vectors,
}, null, 2));

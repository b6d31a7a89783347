// Generates keystores whose passwords change under Unicode NFKC, written by real tools, for
// tests/TestData/keystore-password-vectors.json. ethers v6 encrypts with the UTF-8 bytes of NFKC(password); Foundry cast
// (like geth and web3.py) with the raw UTF-8 bytes, so the same typed password yields different keys.
// Passwords are stored as UTF-8 hex as well as text, so an editor that normalises text cannot change them.
// Deterministic for ethers (fixed keys, salts, ivs, ids); cast draws its own salt and iv.
// Usage: npm install && node tools/generate-keystore-password-vectors.mjs > tests/TestData/keystore-password-vectors.json
import { Wallet, encryptKeystoreJson, keccak256, toUtf8Bytes, hexlify, getBytes, version } from "ethers";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const seeded = (label) => keccak256(toUtf8Bytes("createos-keystore-password-vectors:" + label));
const utf8Hex = (text) => hexlify(toUtf8Bytes(text)).slice(2);
const cast = join(process.cwd(), "node_modules", ".bin", "cast");
const castVersion = execFileSync(cast, ["--version"]).toString().split("\n")[0];

const cases = [
  { name: "ethers, decomposed e + combining acute (NFD)", tool: "ethers", password: "caf\u0065\u0301" },
  { name: "ethers, full-width letters and digit", tool: "ethers", password: "\uFF30\uFF41\uFF53\uFF53\uFF11" },
  { name: "ethers, fi ligature", tool: "ethers", password: "\uFB01le" },
  { name: "cast, decomposed e + combining acute (NFD), raw bytes", tool: "cast", password: "caf\u0065\u0301" },
];

const vectors = [];
for (const [i, c] of cases.entries()) {
  const wallet = new Wallet(seeded("key" + i));
  let json, source;
  if (c.tool === "ethers") {
    json = await encryptKeystoreJson(wallet, c.password, {
      salt: getBytes(seeded("salt" + i)), iv: getBytes(seeded("iv" + i)).slice(0, 16),
      uuid: getBytes(seeded("uuid" + i)).slice(0, 16), scrypt: { N: 1024, r: 8, p: 1 },
    });
    source = `ethers ${version} encryptKeystoreJson (scrypt n=1024 r=8 p=1), password passed as a JS string (ethers encrypts with NFKC(password))`;
  } else {
    const dir = mkdtempSync(join(tmpdir(), "ks-vectors-"));
    try {
      execFileSync(cast, ["wallet", "import", "vector", "-k", dir, "--private-key", wallet.privateKey, "--unsafe-password", c.password], { stdio: "pipe" });
      json = readFileSync(join(dir, readdirSync(dir)[0]), "utf8");
    } finally { rmSync(dir, { recursive: true, force: true }); }
    source = `${castVersion}: cast wallet import --private-key … --unsafe-password … (default scrypt; raw UTF-8 password bytes)`;
  }
  const castAddress = execFileSync(cast, ["wallet", "address", "--private-key", wallet.privateKey]).toString().trim();
  vectors.push({
    name: c.name, tool: c.tool, source,
    password: c.password, passwordUtf8Hex: utf8Hex(c.password),
    passwordNfkcUtf8Hex: utf8Hex(c.password.normalize("NFKC")),
    privateKey: wallet.privateKey.slice(2), address: castAddress,
    json: JSON.parse(json),
  });
}
console.log(JSON.stringify({ generator: "tools/generate-keystore-password-vectors.mjs", vectors }, null, 2));

// Shared by the interop scripts: the gateway's wallet-signature auth (mpp-gateway.md §2), a small deploy body,
// the sandbox's anvil chains as viem chains, and a one-line JSON result on stdout for the xunit tests to read.
import { randomUUID } from 'node:crypto';
import { defineChain, getAddress } from 'viem';

/** Reads --name value pairs. */
export function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

/** A viem chain for a sandbox anvil node (the real chain id, a local RPC). */
export function localChain(chainId, rpcUrl) {
  return defineChain({
    id: Number(chainId),
    name: `sandbox-${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** fetch that signs every request with fresh X-Wallet-Address / X-Timestamp / X-Nonce / X-Signature (EIP-191). */
export function walletAuthFetch(account, baseFetch = globalThis.fetch) {
  return async (input, init = {}) => {
    const timestamp = Date.now().toString();
    const nonce = randomUUID();
    const address = getAddress(account.address);
    const signature = await account.signMessage({ message: `${address}:${timestamp}:${nonce}` });
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.set('X-Wallet-Address', address);
    headers.set('X-Timestamp', timestamp);
    headers.set('X-Nonce', nonce);
    headers.set('X-Signature', signature);
    return baseFetch(new Request(request, { headers }));
  };
}

/** A minimal static app in the gateway's files form. */
export function deployBody(uniqueName) {
  return JSON.stringify({
    uniqueName,
    displayName: 'Interop App',
    settings: { port: 80 },
    upload: { type: 'files', files: [{ path: 'index.html', content: Buffer.from(`<h1>${uniqueName}</h1>`).toString('base64') }] },
  });
}

export function decodeBase64Json(value) {
  return value ? JSON.parse(Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64').toString('utf8')) : null;
}

/** The one line the xunit test parses. */
export function report(result) {
  process.stdout.write('RESULT ' + JSON.stringify(result) + '\n');
}

export async function main(run) {
  try {
    await run();
  } catch (error) {
    report({ error: String(error?.stack ?? error) });
    process.exitCode = 1;
  }
}

/**
 * POSTs the minimal app to the gateway's /agent/deploy through a paying fetch, waits until it is live when the gateway
 * accepted it, and reports the status, the body, the decoded receipt headers and the live endpoint.
 */
export async function deployAndReport(payingFetch, account, a) {
  const response = await payingFetch(new URL('/agent/deploy', a.gateway), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: deployBody(a.name),
  });
  const text = await response.text();
  const live = response.status === 200 ? await waitUntilLive(walletAuthFetch(account), a.gateway, text) : {};
  report({
    ...live,
    status: response.status,
    body: text,
    receipt: decodeBase64Json(response.headers.get('payment-receipt')),
    paymentResponse: decodeBase64Json(response.headers.get('payment-response')),
  });
}

/**
 * After a 200 from POST /agent/deploy: polls GET /agent/deploy/{projectId}/{deploymentId}/status (signed) until
 * "ready" (at most 60 s), then fetches the endpoint. Returns {deployStatus, endpoint, content}.
 */
export async function waitUntilLive(signedFetch, gateway, deployed) {
  const { projectId, deploymentId } = JSON.parse(deployed);
  const deadline = Date.now() + 60_000;
  let status;
  while (Date.now() < deadline) {
    status = await (await signedFetch(new URL(`/agent/deploy/${projectId}/${deploymentId}/status`, gateway))).json();
    if (status.status !== 'deploying') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const content = status?.endpoint ? await (await fetch(status.endpoint)).text() : null;
  return { deployStatus: status?.status, endpoint: status?.endpoint, content };
}

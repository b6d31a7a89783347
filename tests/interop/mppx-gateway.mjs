// A minimal pay-per-deploy gateway built on mppx's SERVER side (the MPP reference implementation): POST /agent/deploy
// is charged with mppx's evm/charge method (its challenge, HMAC binding, credential parsing and authorization
// verification); the settle step submits transferWithAuthorization on the sandbox's anvil chain from a settler key.
// Usage: node mppx-gateway.mjs --rpc URL --chain-id N --usdc 0x… --recipient 0x… --settler-key 0x… [--amount 0.5]
// Prints "LISTENING <port>", then one "SETTLED <json>" line per settlement.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Mppx, evm, NodeListener } from 'mppx/server';
import { createPublicClient, createWalletClient, http, parseSignature, getAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { args, localChain } from './common.mjs';
import { createProjects, readBody } from './gateway-routes.mjs';

const a = args();
const chain = localChain(a['chain-id'], a.rpc);
const settler = privateKeyToAccount(a['settler-key']);
const publicClient = createPublicClient({ chain, transport: http(a.rpc) });
const walletClient = createWalletClient({ account: settler, chain, transport: http(a.rpc) });
await publicClient.request({ method: 'anvil_setBalance', params: [settler.address, '0x56BC75E2D63100000'] }); // 100 ETH for gas

const transferWithAuthorization = [{
  type: 'function', name: 'transferWithAuthorization', stateMutability: 'nonpayable', outputs: [],
  inputs: ['from', 'to', 'value', 'validAfter', 'validBefore', 'nonce', 'v', 'r', 's'].map((name, i) => ({
    name, type: ['address', 'address', 'uint256', 'uint256', 'uint256', 'bytes32', 'uint8', 'bytes32', 'bytes32'][i],
  })),
}];

const mppx = Mppx.create({
  secretKey: randomBytes(32).toString('base64'),
  realm: '127.0.0.1',
  methods: [evm.charge({
    chainId: Number(a['chain-id']),
    currency: a.usdc,
    decimals: 6,
    recipient: a.recipient,
    authorization: { name: 'USD Coin', version: '2' },
    async settle({ payload }) {
      const { v, r, s } = parseSignature(payload.signature);
      const hash = await walletClient.writeContract({
        address: getAddress(a.usdc), abi: transferWithAuthorization, functionName: 'transferWithAuthorization',
        args: [payload.from, payload.to, BigInt(payload.value), BigInt(payload.validAfter), BigInt(payload.validBefore), payload.nonce, Number(v), r, s],
      });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') throw new Error(`settlement ${hash} reverted`);
      process.stdout.write('SETTLED ' + JSON.stringify({ hash, from: payload.from, nonce: payload.nonce, value: payload.value }) + '\n');
      return { reference: hash };
    },
  })],
});

const projects = createProjects(a.recipient, a['chain-name'] ?? 'arbitrum');
const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://${req.headers.host}`);
    if (projects.route(req, res, url)) return;
    if (req.method !== 'POST' || url.pathname !== '/agent/deploy') { res.writeHead(404).end(); return; }
    const body = await readBody(req);
    const request = new Request(url, { method: 'POST', headers: Object.entries(req.headers).filter(([, v]) => typeof v === 'string'), body });
    const deploy = JSON.parse(body.toString('utf8'));
    const result = await mppx.charge({ amount: a.amount ?? '0.5', externalId: deploy.uniqueName })(request);
    if (result.status === 402) return NodeListener.sendResponse(res, result.challenge);
    const project = projects.add(req.headers['x-wallet-address'], deploy.uniqueName);
    await NodeListener.sendResponse(res, result.withReceipt(Response.json({
      projectId: project.id, deploymentId: project.deploymentId, status: 'deploying', message: 'Deployment started. Poll status for updates.',
    })));
  } catch (error) {
    res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`));

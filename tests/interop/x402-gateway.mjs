// A minimal pay-per-deploy gateway built on the x402 reference pieces: @x402/express's paymentMiddleware over an
// x402ResourceServer (@x402/core) with the "exact" EVM server scheme, and an in-process x402Facilitator (@x402/core)
// with the "exact" EVM facilitator scheme (@x402/evm) that verifies and settles transferWithAuthorization on the
// sandbox's anvil chain from a settler key — no hosted facilitator involved.
// Usage: node x402-gateway.mjs --rpc URL --chain-id N --usdc 0x… --recipient 0x… --settler-key 0x… [--amount 500000]
// Prints "LISTENING <port>", then one "SETTLED <json>" line per settlement.
import express from 'express';
import { x402Facilitator } from '@x402/core/facilitator';
import { x402ResourceServer } from '@x402/core/server';
import { toFacilitatorEvmSigner } from '@x402/evm';
import { ExactEvmScheme as ExactEvmFacilitatorScheme } from '@x402/evm/exact/facilitator';
import { ExactEvmScheme as ExactEvmServerScheme } from '@x402/evm/exact/server';
import { paymentMiddleware } from '@x402/express';
import { createWalletClient, http, publicActions } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { args, localChain } from './common.mjs';
import { createProjects } from './gateway-routes.mjs';

const a = args();
const network = `eip155:${a['chain-id']}`;
const chain = localChain(a['chain-id'], a.rpc);
const settler = privateKeyToAccount(a['settler-key']);
const client = createWalletClient({ account: settler, chain, transport: http(a.rpc) }).extend(publicActions);
await client.request({ method: 'anvil_setBalance', params: [settler.address, '0x56BC75E2D63100000'] }); // 100 ETH for gas

const facilitator = new x402Facilitator()
  .register(network, new ExactEvmFacilitatorScheme(toFacilitatorEvmSigner({ ...client, address: settler.address })))
  .onAfterSettle(async ({ result }) => {
    process.stdout.write('SETTLED ' + JSON.stringify({ hash: result.transaction, payer: result.payer, network: result.network }) + '\n');
  });
const resourceServer = new x402ResourceServer(facilitator).register(network, new ExactEvmServerScheme());

const projects = createProjects(a.recipient, a['chain-name'] ?? 'arbitrum');
const app = express();
app.use((req, res, next) => (projects.route(req, res, new URL(req.url, `http://${req.headers.host}`)) ? undefined : next()));
app.use(paymentMiddleware({
  'POST /agent/deploy': {
    accepts: {
      scheme: 'exact',
      network,
      payTo: a.recipient,
      price: { amount: a.amount ?? '500000', asset: a.usdc, extra: { name: 'USD Coin', version: '2' } },
      maxTimeoutSeconds: 300,
    },
    description: 'CreateOS pay-per-deploy',
  },
}, resourceServer));
app.post('/agent/deploy', express.json({ limit: '50mb' }), (req, res) => {
  const project = projects.add(req.headers['x-wallet-address'], req.body?.uniqueName);
  res.json({ projectId: project.id, deploymentId: project.deploymentId, status: 'deploying', message: 'Deployment started. Poll status for updates.' });
});
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`));

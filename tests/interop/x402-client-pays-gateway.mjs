// The x402 reference client (@x402/fetch + @x402/core + @x402/evm "exact") pays a gateway's PAYMENT-REQUIRED offer.
// Usage: node x402-client-pays-gateway.mjs --gateway URL --chain-id N --key 0x… --name unique-name
import { x402Client } from '@x402/core/client';
import { ExactEvmScheme } from '@x402/evm/exact/client';
import { wrapFetchWithPayment } from '@x402/fetch';
import { privateKeyToAccount } from 'viem/accounts';
import { args, deployAndReport, main, walletAuthFetch } from './common.mjs';

await main(async () => {
  const a = args();
  const network = `eip155:${a['chain-id']}`;
  const account = privateKeyToAccount(a.key);
  // The gateway offers one "exact" offer per chain: choose the one on the chain under test.
  const client = new x402Client((_version, requirements) => {
    const chosen = requirements.find((r) => r.network === network);
    if (!chosen) throw new Error(`no offer on ${network}: ${requirements.map((r) => r.network).join(', ')}`);
    return chosen;
  }).register('eip155:*', new ExactEvmScheme(account));
  const paying = wrapFetchWithPayment(walletAuthFetch(account), client);
  await deployAndReport(paying, account, a);
});

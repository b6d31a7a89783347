// mppx's client (the MPP reference implementation) pays a gateway's MPP evm/charge challenge for POST /agent/deploy.
// Usage: node mppx-client-pays-gateway.mjs --gateway URL --chain-id N --usdc 0x… --key 0x… --name unique-name
import { Mppx, evm } from 'mppx/client';
import { privateKeyToAccount } from 'viem/accounts';
import { args, deployAndReport, main, walletAuthFetch } from './common.mjs';

await main(async () => {
  const a = args();
  const chainId = Number(a['chain-id']);
  const account = privateKeyToAccount(a.key);
  const mppx = Mppx.create({
    polyfill: false,
    fetch: walletAuthFetch(account),
    methods: [evm.charge({
      account,
      networks: [chainId],
      currencies: [a.usdc],
      authorization: { name: 'USD Coin', version: '2' },
      maxAtomicAmount: '5000000',
    })],
    // The gateway offers one challenge per chain: pay the one on the chain under test.
    orderChallenges: (candidates) => candidates.filter((c) => c.challenge.request?.methodDetails?.chainId === chainId),
    onChallenge: undefined,
  });
  await deployAndReport((url, init) => mppx.fetch(url, init), account, a);
});

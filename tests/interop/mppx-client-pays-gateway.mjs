// mppx's client (the MPP reference implementation) pays a gateway's MPP evm/charge challenge for POST /agent/deploy.
// Usage: node mppx-client-pays-gateway.mjs --gateway URL --chain-id N --usdc 0x… --key 0x… --name unique-name
import { Mppx, evm } from 'mppx/client';
import { privateKeyToAccount } from 'viem/accounts';
import { args, decodeBase64Json, deployBody, main, report, waitUntilLive, walletAuthFetch } from './common.mjs';

await main(async () => {
  const a = args();
  const chainId = Number(a['chain-id']);
  const account = privateKeyToAccount(a.key);
  const challenges = [];
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
  mppx.onChallengeReceived?.((event) => challenges.push(event?.challenges?.length ?? 0));
  const response = await mppx.fetch(new URL('/agent/deploy', a.gateway), {
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
  });
});

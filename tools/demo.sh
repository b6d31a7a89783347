#!/usr/bin/env bash
# The main job, end to end, on a fresh machine with only the .NET SDK and Node.js: starts the local sandbox
# (CreateOS API + pay-per-deploy gateway + two local EVM chains), creates and funds a fresh keystore wallet,
# deploys examples/hello through the gateway paying USDC on the local Arbitrum chain, and prints the live URL,
# its content and the payment transaction. Pass another example script to run it instead.
# It runs in real pwsh 7.6 (the local dotnet tool pinned in .config/dotnet-tools.json) and leaves nothing behind:
# the tracked package-lock.json is not rewritten, and its wallet and payment journal live in a temporary folder
# (never your own journal), removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
script="${1:-examples/deploy-and-pay.ps1}"

# --no-save: install what the lock file pins without rewriting it.
[ -x node_modules/.bin/anvil ] || npm install --no-save --no-audit --no-fund --loglevel=error
dotnet tool restore >/dev/null
dotnet build CreateOs.sln -c Release -nologo -v q

key="skp_demo_$(date +%s)"
work=$(mktemp -d)
log="$work/sandbox.log"
dotnet run --no-build -c Release --project tools/CreateOs.Sandbox -- --urls "http://127.0.0.1:0" --api-key "$key" >"$log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; wait $sandbox 2>/dev/null; rm -rf "$work"' EXIT

uri=""
for _ in $(seq 1 240); do
  uri=$(sed -n 's/^Sandbox listening on //p' "$log" | head -n 1)
  [ -n "$uri" ] && break
  kill -0 $sandbox 2>/dev/null || { cat "$log"; echo "the sandbox did not start"; exit 1; }
  sleep 0.5
done
[ -n "$uri" ] || { cat "$log"; echo "the sandbox did not start in time"; exit 1; }
echo "Sandbox running at $uri"

export CREATEOS_JOURNAL_DIR="$work/journal"
if [ "$script" = "examples/manage-projects.ps1" ]; then
  dotnet pwsh -NoProfile -NonInteractive -File "$script" -ApiUri "$uri" -ApiKey "$key"
else
  dotnet pwsh -NoProfile -NonInteractive -File "$script" -SandboxUri "$uri" -ApiKey "$key" -WalletPath "$work/wallet.json"
fi

#!/usr/bin/env bash
# The main job, end to end, on a fresh machine with only the .NET SDK and Node.js: starts the local sandbox
# (CreateOS API emulator), then runs the example script in the real PowerShell engine with the built module.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/anvil ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build CreateOs.sln -c Release -nologo -v q

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 5080)
key="skp_demo_$(date +%s)"
log=$(mktemp)
dotnet run --no-build -c Release --project tools/CreateOs.Sandbox -- --urls "http://127.0.0.1:$port" --api-key "$key" >"$log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; wait $sandbox 2>/dev/null; rm -f "$log"' EXIT

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 $sandbox 2>/dev/null || { cat "$log"; echo "the sandbox did not start"; exit 1; }
  sleep 0.5
done
echo "Sandbox running at http://127.0.0.1:$port"

dotnet run --no-build -c Release --project tools/CreateOs.Runner -- examples/manage-projects.ps1 -ApiUri "http://127.0.0.1:$port" -ApiKey "$key"

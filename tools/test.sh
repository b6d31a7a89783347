#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine with only the .NET SDK and Node.js:
# installs the pinned dev tools (anvil, cast, solc-js) and payment reference implementations (mppx, @x402/*), builds the module, runs all test projects,
# and ends with one line "N passed, N failed" summed over every test project.
set -uo pipefail
cd "$(dirname "$0")/.."

# Every package of package.json (dependencies: anvil, cast, solc, ethers; devDependencies: the payment reference
# implementations the interop tests run) must be installed at its pinned version.
npm_packages_installed() {
  node -e '
    const p = require("./package.json");
    for (const [name, version] of Object.entries({ ...p.dependencies, ...p.devDependencies })) {
      try { if (require("./node_modules/" + name + "/package.json").version !== version) process.exit(1); } catch { process.exit(1); }
    }'
}

if [ ! -x node_modules/.bin/anvil ] || [ ! -x node_modules/.bin/cast ] || ! npm_packages_installed; then
  # npm install --no-save (it never rewrites the tracked lock file), not npm ci: the lock file cannot list the other platforms' optional anvil/cast binaries that the
  # registry mirror does not serve, so npm ci refuses it; the exact versions are pinned in package.json.
  echo "Installing dev tools (npm install)..."
  npm install --no-save --no-audit --no-fund --loglevel=error || { echo "npm install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

echo "Building CreateOs.sln (Release)..."
if ! dotnet build CreateOs.sln -c Release -nologo -v q; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
status=0
for project in tests/*/*.csproj; do
  echo "== $project"
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$log" || status=1
done

# The Pester suite in real pwsh 7.6 (a dotnet local tool, .config/dotnet-tools.json) with Pester 6.2 from NuGet,
# against a sandbox it starts itself. Its counts join the xunit ones in the same summary format.
echo "== tests/CreateOs.Pester (pwsh, Pester)"
pester_summary=$(mktemp)
if dotnet tool restore >/dev/null && dotnet restore tests/CreateOs.Pester/Pester.proj -nologo -v q >/dev/null; then
  dotnet pwsh -NoProfile -NonInteractive -File tests/CreateOs.Pester/Invoke-PesterSuite.ps1 -SummaryPath "$pester_summary" || status=1
else
  echo "installing pwsh or Pester failed"
  status=1
fi
read -r pester_passed pester_failed _ < "$pester_summary" || true
if [ -z "${pester_passed:-}" ]; then pester_passed=0; pester_failed=1; status=1; fi
echo "Pester!  - Failed: $pester_failed, Passed: $pester_passed" >> "$log"
rm -f "$pester_summary"

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
runs=$(grep -Ec '^(Passed|Failed)! ' "$log")
projects=$(ls tests/*/*.csproj | wc -l)
rm -f "$log"
if [ "$runs" -lt "$projects" ]; then
  echo "only $runs of $projects test projects reported results"
  status=1
  [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed"
exit $status

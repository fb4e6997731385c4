#!/usr/bin/env bash
# Login batch commits and proofs at N records (bench/Logins commit): per store and size, RUNS fresh stores each filled with N
# sign-in records, committed as one batch against the same root built in memory (Domain's MerkleTree, the baseline), and a
# copy committed as two batches of N/2 for the consistency proof. PostgreSQL is a private server from the machine's binaries.
#
#   bench/logins-commit.sh [providers, default sqlite] [sizes, default 1000,100000,1000000] [runs, default 3] [output folder]
set -euo pipefail
cd "$(dirname "$0")/.."
providers=${1:-sqlite}
sizes=${2:-1000,100000,1000000}
runs=${3:-3}
out=${4:-bench/results/logins-commit-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
dotnet build -c Release -v q -nologo bench/Logins > /dev/null
echo "nproc $(nproc); dotnet $(dotnet --version)" | tee "$out/machine.txt"
dotnet bench/Logins/bin/Release/net10.0/Actors.Benchmarks.Logins.dll commit --provider "$providers" --sizes "$sizes" --runs "$runs" \
  | tee "$out/runs.txt"

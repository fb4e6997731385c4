#!/usr/bin/env bash
# Starts a local cluster of three silos in two zones (a, b, a) on PostgreSQL, each in its own process.
#
#   scripts/local-cluster.sh "Host=127.0.0.1;Port=5432;Username=actors;Password=...;Database=actors"
#
# REST of silo i is on port 8080+i (8081, 8082, 8083), silo ports 11111+i, gateway ports 30000+i. Logs go to
# ./data/local-cluster/silo-i.log. Ctrl+C (or SIGTERM) stops every silo gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."

connection="${1:-${Storage__ConnectionString:-}}"
if [ -z "$connection" ]; then
  echo "usage: $0 <PostgreSQL connection string>   (or set Storage__ConnectionString)" >&2
  exit 2
fi

dotnet build Silo -c Release --nologo -v quiet
logs=data/local-cluster
mkdir -p "$logs"
pids=()
stop() {
  trap - INT TERM
  echo "stopping silos..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait
  exit 0
}
trap stop INT TERM

zones=(a b a)
for i in 1 2 3; do
  # Settings go as separate arguments: the connection string never passes through a shell word split or eval.
  Storage__ConnectionString="$connection" dotnet Silo/bin/Release/net10.0/Actors.Silo.dll \
    --Storage:Provider=postgres \
    --Silo:ClusterId=local \
    --Silo:Zone="${zones[$((i - 1))]}" \
    --Silo:Port=$((11110 + i)) \
    --Silo:GatewayPort=$((29999 + i)) \
    --Http:Port=$((8080 + i)) \
    --Http:Address=127.0.0.1 \
    > "$logs/silo-$i.log" 2>&1 &
  pids+=($!)
  echo "silo $i (zone ${zones[$((i - 1))]}): http://127.0.0.1:$((8080 + i))  log $logs/silo-$i.log"
done

for i in 1 2 3; do
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$((8080 + i))/readyz" > /dev/null 2>&1; then break; fi
    sleep 0.5
  done
done
curl -fsS "http://127.0.0.1:8081/api/cluster/silos" && echo
echo "cluster running; Ctrl+C stops it"
wait

#!/usr/bin/env bash
# The load tester against one silo, on SQLite or on a private PostgreSQL server: in each round, a fresh silo and store, then
# a warm-up (reads, then writes), the bare baseline (GET /healthz, 1 wallet) and the runs of RUNS below, each measured for the tester (CPU seconds and peak
# RSS from /usr/bin/time) and for the silo (CPU seconds from /proc/PID/stat over the run, RSS at its end).
# Usage: bench/loadtest-matrix.sh sqlite|postgres [rounds, default 3] [seconds per run, default 30] [output folder]
# Build first: dotnet build -c Release Silo && dotnet build -c Release Client
set -euo pipefail
cd "$(dirname "$0")/.."
storage=${1:?sqlite or postgres}
rounds=${2:-3}
seconds=${3:-30}
out=${4:-bench/results/loadtest-$storage-$(date -u +%Y%m%dT%H%M%SZ)}
silo=Silo/bin/Release/net10.0/Actors.Silo.dll
client=Client/bin/Release/net10.0/Actors.Client.dll
port=18580
concurrency=64
tck=$(getconf CLK_TCK)
work=$(mktemp -d)
chmod 755 "$work" # the PostgreSQL server runs as its own user, inside it
mkdir -p "$out"
key=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s' "$key" >"$work/operator-key"
chmod 600 "$work/operator-key"

# name | wallets | mix | pools
RUNS=(
  "stake-100k-1pool|100000|stake=100|1"
  "stake-1m-1pool|1000000|stake=100|1"
  "stake-100k-16pools|100000|stake=100|16"
  "claim-100k-1pool|100000|claim=100|1"
  "stake-1k-1pool|1000|stake=100|1"
)

pg_pid_file=""
cleanup() {
  [ -n "${silo_pid:-}" ] && kill "$silo_pid" 2>/dev/null || true
  if [ -n "$pg_pid_file" ]; then runuser -u postgres -- "$pgbin/pg_ctl" stop -D "$work/pg/data" -m fast -w >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$storage" = postgres ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pgport=18632
  mkdir -p "$work/pg/socket"
  chown -R postgres: "$work/pg"
  runuser -u postgres -- "$pgbin/initdb" -D "$work/pg/data" -A trust -E UTF8 --no-locale -U postgres >/dev/null
  cat >>"$work/pg/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $pgport
unix_socket_directories = '$work/pg/socket'
max_connections = 200
EOF
  runuser -u postgres -- "$pgbin/pg_ctl" start -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 >/dev/null
  pg_pid_file="$work/pg/data/postmaster.pid"
fi

cpu_ticks() { # the process and, for PostgreSQL, its server's processes
  local total
  total=$(awk '{print $14 + $15}' "/proc/$1/stat")
  if [ -n "$pg_pid_file" ]; then
    local pg
    pg=$(head -1 "$pg_pid_file")
    for p in $pg $(pgrep -P "$pg"); do
      local ticks
      ticks=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true) # a backend may end meanwhile
      total=$((total + ${ticks:-0}))
    done
  fi
  echo "$total"
}

start_silo() { # round -> starts a silo on a fresh store
  local store=(--Storage:Path="$work/data-$1")
  if [ "$storage" = postgres ]; then
    runuser -u postgres -- "$pgbin/createdb" -h 127.0.0.1 -p $pgport -U postgres "round$1"
    store=(--Storage:Provider=postgres "--Storage:ConnectionString=Host=127.0.0.1;Port=$pgport;Username=postgres;Database=round$1")
  fi
  dotnet "$silo" "${store[@]}" --Http:Address=127.0.0.1 --Http:Port=$port --Silo:Port=18511 --Silo:GatewayPort=18530 \
    --Gateway:OperatorKey="$key" --Gateway:RateLimit:SignInPerMinute=0 --Gateway:RateLimit:WritesPerSecond=0 \
    --Wallets:SensitiveOperationsPerMinute=0 --Logging:LogLevel:Default=Warning >"$out/silo-round$1.log" 2>&1 &
  silo_pid=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && return 0; sleep 0.5; done
  echo "the silo did not become ready; see $out/silo-round$1.log" >&2
  exit 1
}

run() { # round name wallets mix pools duration -> one line of figures
  local round=$1 name=$2 wallets=$3 mix=$4 pools=$5 duration=$6 dir="$out/round$1-$2"
  mkdir -p "$dir"
  local args=(loadtest --http "http://127.0.0.1:$port" --concurrency $concurrency --wallets "$wallets" --duration "$duration" --report "$dir")
  if [ "$mix" = health ]; then args+=(--scenario health); else args+=(--mix "$mix" --pools "$pools" --operator-key-file "$work/operator-key"); fi
  local before after
  before=$(cpu_ticks "$silo_pid")
  /usr/bin/time -f '%e %U %S %M' -o "$dir/tester-time" dotnet "$client" "${args[@]}" >"$dir/stdout.txt" 2>"$dir/stderr.txt" || true
  after=$(cpu_ticks "$silo_pid")
  local silo_rss
  silo_rss=$(awk '/VmRSS/ {print $2}' "/proc/$silo_pid/status")
  jq -r --arg name "$name" --arg round "$round" --arg silo_cpu "$(awk -v t=$((after - before)) -v hz="$tck" 'BEGIN {printf "%.1f", t / hz}')" \
    --arg silo_rss "$silo_rss" --rawfile time "$dir/tester-time" '
    ($time | split(" ")) as $t |
    def rate(k): ((.kinds[k].operations // 0) / .durationSeconds * 10 | round / 10);
    [$round, $name, .wallets, .throughputPerSecond, rate("stake"), rate("claim"), rate("signin"),
     (.kinds[(if .mix | test("claim") then "claim" elif .mix | test("stake") then "stake" else "health" end)].latencyMs | "\(.p50)/\(.p99)"),
     (((($t[1] | tonumber) + ($t[2] | tonumber)) * 10 | round) / 10), (($t[3] | tonumber) / 1024 | round), ($silo_cpu | tonumber), (($silo_rss | tonumber) / 1024 | round),
     .serverErrors, (.errors | to_entries | map(.value) | add // 0), .passed] | @tsv' "$dir/report.json"
}

printf 'round\trun\twallets\trequests/s\tstakes/s\tclaims/s\tsign-ins/s\tp50/p99 ms\ttester cpu s\ttester MiB\tsilo cpu s\tsilo MiB\t5xx\terrors\tpassed\n' | tee "$out/summary.tsv"
for round in $(seq 1 "$rounds"); do
  start_silo "$round"
  # Past the silo's start (JIT, tiering) and its first writes, unrecorded: otherwise the first run of a round pays for them.
  run "$round" warm-up 1 health 1 10 >/dev/null
  run "$round" warm-up-writes 1000 stake=100 1 15 >/dev/null
  run "$round" health 1 health 1 15 | tee -a "$out/summary.tsv"
  for spec in "${RUNS[@]}"; do
    IFS='|' read -r name wallets mix pools <<<"$spec"
    run "$round" "$name" "$wallets" "$mix" "$pools" "$seconds" | tee -a "$out/summary.tsv"
  done
  kill "$silo_pid"; wait "$silo_pid" 2>/dev/null || true
  silo_pid=""
done
echo "results in $out"

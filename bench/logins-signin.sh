#!/usr/bin/env bash
# Sign-ins/s with login records on (Logins:Enabled=true, the default) and off (false, the baseline), in the same run: in each
# round a fresh silo on a fresh SQLite folder per mode, in turns (on, off; then off, on; ...), a warm-up, then a measured
# closed loop of CLIENTS clients each doing POST /api/auth/nonce + /api/auth/verify for a wallet never signed in before
# (bench/Logins signin: keys derived from a seed and the wallet's index, derived before the clock starts).
#
#   bench/logins-signin.sh [rounds, default 3] [seconds per run, default 20] [clients, default 32] [output folder]
#
# Needs curl and python3. Builds Silo and bench/Logins in Release. Every address is loopback; the ports are picked free.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
seconds=${2:-20}
clients=${3:-32}
out=${4:-bench/results/logins-signin-$(date -u +%Y%m%dT%H%M%SZ)}
dotnet build -c Release -v q -nologo Silo > /dev/null
dotnet build -c Release -v q -nologo bench/Logins > /dev/null
silo=Silo/bin/Release/net10.0/Actors.Silo.dll
driver=bench/Logins/bin/Release/net10.0/Actors.Benchmarks.Logins.dll
work=$(mktemp -d)
mkdir -p "$out"
silo_pid=""
cleanup() {
  if [ -n "$silo_pid" ]; then kill "$silo_pid" 2> /dev/null || true; wait "$silo_pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Enough keys that no client runs out before the clock does (the driver reports refusals and stops early if it would).
wallets=$((seconds * 600))
: > "$out/runs.txt"
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then modes=(on off); else modes=(off on); fi
  for mode in "${modes[@]}"; do
    enabled=true; [ "$mode" = off ] && enabled=false
    port=$(free_port)
    dotnet "$silo" --Storage:Provider=sqlite --Storage:Path="$work/data-$round-$mode" --Http:Address=127.0.0.1 --Http:Port="$port" \
      --Silo:ClusterId="logins-$round-$mode" --Silo:Port="$(free_port)" --Silo:GatewayPort="$(free_port)" \
      --Gateway:OperatorKey=logins-signin-operator-key-0123456789 --Gateway:RateLimit:SignInPerMinute=0 \
      --Gateway:RateLimit:WritesPerSecond=0 --Logins:Enabled=$enabled --Logging:LogLevel:Default=Warning \
      > "$out/silo-round$round-$mode.log" 2>&1 &
    silo_pid=$!
    for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/readyz" > /dev/null && break; sleep 0.5; done
    curl -sf "http://127.0.0.1:$port/readyz" > /dev/null || { echo "the $mode silo did not become ready; see $out/silo-round$round-$mode.log" >&2; exit 1; }
    dotnet "$driver" signin --url "http://127.0.0.1:$port/" --clients "$clients" --seconds 5 --from 10000000 --wallets 3000 > /dev/null
    read -r signed refused elapsed < <(dotnet "$driver" signin --url "http://127.0.0.1:$port/" --clients "$clients" --seconds "$seconds" \
      --from 0 --wallets "$wallets")
    echo "$round $mode $signed $refused $elapsed" | tee -a "$out/runs.txt"
    kill "$silo_pid"; wait "$silo_pid" 2> /dev/null || true; silo_pid=""
  done
done

python3 - "$out/runs.txt" "$rounds" "$seconds" "$clients" "$(nproc)" << 'PY' | tee "$out/summary.txt"
import statistics, sys
path, rounds, seconds, clients, cores = sys.argv[1:6]
rates = {"on": [], "off": []}
for line in open(path):
    _, mode, signed, refused, elapsed = line.split()
    rates[mode].append(int(signed) / float(elapsed))
print(f"{rounds} rounds of {seconds} s, {clients} clients, {cores} cores; sign-ins/s, median (runs), ratio to records off")
base = statistics.median(rates["off"])
for mode, label in (("off", "records off (baseline)"), ("on", "records on")):
    median = statistics.median(rates[mode])
    print(f"{label:24} {median:>8,.0f}  ({', '.join(f'{v:,.0f}' for v in rates[mode])})  {median / base:.2f}")
PY

#!/usr/bin/env bash
# The silo's CPU with the Orleans dashboard absent (Dashboard:Enabled=false), present and unwatched, and watched (a poller
# asking the dashboard's APIs every second as its page does), from /proc/<pid>/stat over a window, several runs interleaved.
# Usage: scripts/dashboard-cpu.sh [seconds per window, default 60] [runs, default 3]   (build Silo in Release first)
set -euo pipefail
cd "$(dirname "$0")/.."
window=${1:-60}
runs=${2:-3}
key=dashboard-cpu-operator-key-0123456789
silo=Silo/bin/Release/net10.0/Actors.Silo.dll
port=18480
tck=$(getconf CLK_TCK)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

measure() { # mode -> CPU percent of one core over the window
  local mode=$1 enabled=true poller=""
  [ "$mode" = absent ] && enabled=false
  dotnet "$silo" --Storage:Provider=memory --Http:Address=127.0.0.1 --Http:Port=$port --Silo:Port=18411 --Silo:GatewayPort=18430 \
    --Gateway:OperatorKey=$key --Dashboard:Enabled=$enabled --Logging:LogLevel:Default=Warning >"$work/$mode.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
  sleep 10 # past the start's own work
  if [ "$mode" = watched ]; then
    ( while true; do
        for api in DashboardCounters ClusterStats TopGrainMethods; do
          curl -s -o /dev/null -H "X-Operator-Key: $key" "http://127.0.0.1:$port/dashboard/$api"
        done
        sleep 1
      done ) &
    poller=$!
    sleep 5
  fi
  local before after
  before=$(cpu_ticks $pid)
  sleep "$window"
  after=$(cpu_ticks $pid)
  [ -n "$poller" ] && kill "$poller"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk -v t=$((after - before)) -v hz="$tck" -v w="$window" 'BEGIN { printf "%.2f", 100 * t / hz / w }'
}

declare -A results
for run in $(seq 1 "$runs"); do
  for mode in absent idle watched; do
    value=$(measure $mode)
    results[$mode]="${results[$mode]:-} $value"
    echo "run $run $mode: $value % of one core"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
absent=$(echo "${results[absent]}" | median)
for mode in absent idle watched; do
  m=$(echo "${results[$mode]}" | median)
  awk -v m="$m" -v a="$absent" -v mode=$mode -v r="${results[$mode]}" 'BEGIN { printf "%-8s median %.2f %% of one core (runs:%s), %.2fx absent\n", mode, m, r, (a > 0 ? m / a : 0) }'
done

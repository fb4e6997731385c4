#!/usr/bin/env bash
# The cost of telemetry: requests/s of an authenticated route (GET /api/auth/session, which checks the bearer token and asks
# the wallet's grain whether a recovery ended the session) and of GET /healthz, on three silos run side by side and loaded one
# at a time, in turns: telemetry off (Telemetry:Enabled=false, the baseline), on (metrics, /metrics served, nothing scraped),
# and on with an OTLP endpoint (spans recorded and pushed to a local sink that accepts and discards them).
#
#   bench/telemetry-cost.sh [runs] [seconds per load] [connections]      defaults: 5 runs, 10 s, 32 connections
#
# Needs wrk (Debian: apt-get install -y wrk), curl and python3. Builds Silo and Client in Release. Every address is loopback.
set -euo pipefail

runs=${1:-5}
seconds=${2:-10}
connections=${3:-32}
root=$(cd "$(dirname "$0")/.." && pwd)
for tool in wrk curl python3; do
  command -v "$tool" > /dev/null || { echo "telemetry-cost: $tool is missing (Debian: apt-get install -y $tool)" >&2; exit 2; }
done

dotnet build -c Release -v q -nologo "$root/Silo" > /dev/null
dotnet build -c Release -v q -nologo "$root/Client" > /dev/null
silo="$root/Silo/bin/Release/net10.0/Actors.Silo.dll"
client="$root/Client/bin/Release/net10.0/Actors.Client.dll"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The OTLP sink: answers every POST with 200 and keeps nothing.
cat > "$work/sink.py" << 'EOF'
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
EOF
python3 "$work/sink.py" 14318 & pids+=($!)

key=0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318
names=(off on otlp)
declare -A port=([off]=18181 [on]=18182 [otlp]=18183)
declare -A settings=(
  [off]="--Telemetry:Enabled=false"
  [on]="--Telemetry:Enabled=true"
  [otlp]="--Telemetry:Enabled=true --Telemetry:OtlpEndpoint=http://127.0.0.1:14318")
i=0
for name in "${names[@]}"; do
  i=$((i + 1))
  # shellcheck disable=SC2086 # the settings are several arguments
  dotnet "$silo" --Storage:Provider=memory --Http:Address=127.0.0.1 --Http:Port="${port[$name]}" \
    --Silo:ClusterId="telemetry-$name" --Silo:Port=$((21180 + i)) --Silo:GatewayPort=$((23180 + i)) \
    --Gateway:OperatorKey=telemetry-cost-operator-key-0123456789 --Logging:LogLevel:Default=Warning ${settings[$name]} \
    > "$work/$name.log" 2>&1 &
  pids+=($!)
done

declare -A token
for name in "${names[@]}"; do
  url="http://127.0.0.1:${port[$name]}"
  for _ in $(seq 1 120); do curl -sf "$url/readyz" > /dev/null && break; sleep 0.5; done
  curl -sf "$url/readyz" > /dev/null || { echo "telemetry-cost: the '$name' silo did not become ready:" >&2; cat "$work/$name.log" >&2; exit 1; }
  token[$name]=$(python3 - "$url" "$client" "$key" << 'EOF'
import json, subprocess, sys, urllib.request
url, client, key = sys.argv[1:4]
def post(path, body):
    request = urllib.request.Request(url + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request))
def cli(*args):
    return subprocess.run(["dotnet", client, *args], capture_output=True, text=True, check=True).stdout.strip()
# The key's address: the signer that any signature of it recovers to.
address = cli("recover", "--message", "address", "--signature", cli("sign", "--key", key, "--message", "address"))
message = post("/api/auth/nonce", {"address": address})["message"]
signature = cli("sign", "--key", key, "--message", message)
print(post("/api/auth/verify", {"message": message, "signature": signature})["token"])
EOF
)
done

load() { # name path [header] -> requests/s
  local url="http://127.0.0.1:${port[$1]}$2"
  if [ $# -gt 2 ]; then
    wrk -t2 -c"$connections" -d"${seconds}s" -H "$3" "$url"
  else
    wrk -t2 -c"$connections" -d"${seconds}s" "$url"
  fi | awk '/^Requests\/sec:/ { print $2 }'
}

declare -A results
for name in "${names[@]}"; do load "$name" /healthz > /dev/null; load "$name" /api/auth/session "Authorization: Bearer ${token[$name]}" > /dev/null; done # warm-up
for run in $(seq 1 "$runs"); do
  for name in "${names[@]}"; do
    results[$name-session]+="$(load "$name" /api/auth/session "Authorization: Bearer ${token[$name]}") "
    results[$name-healthz]+="$(load "$name" /healthz) "
  done
  echo "run $run of $runs done" >&2
done

python3 - "$runs" "$seconds" "$connections" "$(nproc)" \
  "${results[off-session]}" "${results[on-session]}" "${results[otlp-session]}" \
  "${results[off-healthz]}" "${results[on-healthz]}" "${results[otlp-healthz]}" << 'EOF'
import statistics, sys
runs, seconds, connections, cores = sys.argv[1:5]
figures = [[float(x) for x in a.split()] for a in sys.argv[5:11]]
print(f"{runs} runs of {seconds} s, {connections} connections, {cores} cores; requests/s, median (runs), ratio to telemetry off")
for route, offset in (("GET /api/auth/session", 0), ("GET /healthz", 3)):
    base = statistics.median(figures[offset])
    for label, values in zip(("off", "on", "on + OTLP"), figures[offset:offset + 3]):
        median = statistics.median(values)
        runs_text = ", ".join(f"{v:,.0f}" for v in values)
        print(f"{route:24} {label:10} {median:>10,.0f}  ({runs_text})  {median / base:.2f}")
EOF

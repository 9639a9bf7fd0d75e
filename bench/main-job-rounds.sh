#!/usr/bin/env bash
# The main job's latency in several node settings side by side: each variant once per round, the rounds
# alternating (A B C A B C ...), so a noisy neighbour hits every variant alike. Prints one row per run with the
# load average before it, then the median of each variant's rounds.
#   bench/main-job-rounds.sh [rounds] [seconds] [rate] [variant ...]
#   a variant is MODE or MODE:SPIN (threading.mode and threading.idleSpinMicros), e.g.
#   bench/main-job-rounds.sh 3 8 20000 single single:200 shared dedicated
# The simulator runs in its own process on core 1, the node on core 0 (the main job's default placement).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-3}"; seconds="${2:-8}"; rate="${3:-20000}"
shift 3 2>/dev/null || shift $#
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=(single shared dedicated)
dotnet build src/TradeX.Sim/TradeX.Sim.csproj -c Release -nologo -v q >/dev/null
dll=src/TradeX.Sim/bin/Release/net10.0/TradeX.Sim.dll
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
rows="$tmp/rows"
printf '%-14s %5s %6s | %-34s | %-20s\n' variant round load "MM order→first ER p50 / p99 / p99.9" "in node p50 / p99"
for ((r = 1; r <= rounds; r++)); do
  for v in "${variants[@]}"; do
    mode="${v%%:*}"; spin=20; [[ "$v" == *:* ]] && spin="${v#*:}"
    echo "{ \"threading\": { \"mode\": \"$mode\", \"idleSpinMicros\": $spin }, \"journal\": { \"directory\": \"$tmp/journal\" } }" >"$tmp/c.json"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    dotnet "$dll" --duration "$seconds" --rate "$rate" --config "$tmp/c.json" >"$tmp/out" 2>&1 || { cat "$tmp/out"; exit 1; }
    rm -rf "$tmp/journal"
    mm="$(grep 'order → first execution report' "$tmp/out" | head -1 | awk -F'│' '{gsub(/ /,"",$4); gsub(/ /,"",$6); gsub(/ /,"",$7); print $4, $6, $7}')"
    node="$(grep '│ receipt → response written' "$tmp/out" | head -1 | awk -F'│' '{gsub(/ /,"",$4); gsub(/ /,"",$6); print $4, $6}')"
    read -r m50 m99 m999 <<<"$mm"; read -r n50 n99 <<<"$node"
    printf '%-14s %5d %6s | %10s %10s %10s | %9s %9s\n' "$v" "$r" "$load" "$m50" "$m99" "$m999" "$n50" "$n99"
    echo "$v $m50 $m99 $m999 $n50 $n99" >>"$rows"
  done
done
echo
echo "median over $rounds round(s), $rate requests/s, ${seconds} s a run:"
python3 - "$rows" <<'PY'
import sys, statistics, collections
def us(t):
    t = t.replace(',', '')
    return float(t[:-2]) * 1000 if t.endswith('ms') else float(t[:-2])
runs = collections.OrderedDict()
for line in open(sys.argv[1]):
    v, *f = line.split()
    runs.setdefault(v, []).append([us(x) for x in f])
def fmt(x): return f"{x/1000:.2f} ms" if x >= 1000 else f"{x:.1f} µs"
print(f"{'variant':14} | MM p50 | MM p99 | MM p99.9 | node p50 | node p99")
for v, rs in runs.items():
    med = [statistics.median(c) for c in zip(*rs)]
    print(f"{v:14} | " + " | ".join(fmt(x) for x in med))
PY

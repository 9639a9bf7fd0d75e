#!/usr/bin/env bash
# The CPU an idle node uses: the main job with no load (external clients only, none connected) in each
# threading mode, CPU time (user + system, from /proc/PID/stat) over a measured window after start-up.
#   bench/idle-cpu.sh [measured-seconds] [mode ...]        e.g. bench/idle-cpu.sh 10 dedicated shared single
# Target (issue 14): under 2% of one core.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-10}"; shift || true
modes=("${@:-dedicated shared single}")
[ $# -eq 0 ] && modes=(dedicated shared single)
dotnet build src/TradeX.Sim/TradeX.Sim.csproj -c Release -nologo -v q >/dev/null
dll=src/TradeX.Sim/bin/Release/net10.0/TradeX.Sim.dll
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
hash="$(head -c 24 /dev/urandom | base64 | dotnet "$dll" hash-secret --secret - --iterations 1000)"
cat >"$tmp/participants.json" <<JSON
{ "participants": [ { "id": 1, "name": "idle", "secret": "$hash", "accounts": [101], "cancelOnDisconnect": "quotes", "messagesPerSecond": 0, "protection": [] } ] }
JSON
chmod 600 "$tmp/participants.json"
ticks=$(getconf CLK_TCK)
printf '%-10s %10s %12s %14s\n' mode seconds "cpu seconds" "% of one core"
for mode in "${modes[@]}"; do
  echo "{ \"threading\": { \"mode\": \"$mode\" }, \"journal\": { \"directory\": null }, \"gateway\": { \"participantsFile\": \"$tmp/participants.json\" } }" >"$tmp/$mode.json"
  dotnet "$dll" --load none --config "$tmp/$mode.json" --duration $((seconds + 8)) >"$tmp/$mode.out" 2>&1 &
  pid=$!
  sleep 5   # start-up: JIT, recovery, reference data
  read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$pid/stat")
  sleep "$seconds"
  read -r u2 s2 < <(awk '{print $14, $15}' "/proc/$pid/stat")
  wait "$pid" || { echo "node ($mode) failed:"; cat "$tmp/$mode.out"; exit 1; }
  awk -v m="$mode" -v s="$seconds" -v c=$(( (u2 - u1) + (s2 - s1) )) -v t="$ticks" \
    'BEGIN { printf "%-10s %10d %12.2f %13.2f%%\n", m, s, c / t, 100 * c / t / s }'
done

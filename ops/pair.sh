#!/usr/bin/env bash
# A primary and a hot standby on this machine (loopback), for a newcomer to see replication work:
#   ./run.sh pair [--mode async|sync] [--duration S] [--rate R] [--port P] [--dir D]
# The standby starts first (its own process, journal and configuration), then the main job runs as the primary
# with the market-maker simulator; at the end the standby is stopped with SIGTERM and both nodes' state hashes
# and last sequences are compared (exit 1 when they differ). Configurations and journals stay in --dir
# (default journal/pair-<utc>) for ./run.sh replay. On separate machines: docs/replication.md. The standby runs on
# one thread with a short idle spin: on a machine it shares with the primary and the simulator, a standby that keeps
# polling takes the cores they need (bench/RESULTS.md, "Replication").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIG="${TRADEX_CONFIGURATION:-Release}"
SIM="$ROOT/src/TradeX.Sim/bin/$CONFIG/net10.0/TradeX.Sim.dll"
MODE=sync DURATION=10 RATE="" PORT=9701 DIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) MODE="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "pair: unknown option $1 (--help)" >&2; exit 2 ;;
  esac
done
case "$MODE" in async|sync) ;; *) echo "pair: --mode is async or sync" >&2; exit 2 ;; esac
DIR="${DIR:-$ROOT/journal/pair-$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$DIR"
cat >"$DIR/primary.json" <<JSON
{
  "journal": { "directory": "$DIR/primary" },
  "replication": { "role": "primary", "mode": "$MODE", "nodeId": 1, "listen": "127.0.0.1:$PORT" }
}
JSON
cat >"$DIR/standby.json" <<JSON
{
  "run": { "load": "none", "durationSeconds": 86400 },
  "gateway": { "enabled": false },
  "threading": { "mode": "single", "idleSpinMicros": 20 },
  "journal": { "directory": "$DIR/standby" },
  "replication": { "role": "standby", "mode": "$MODE", "nodeId": 2, "primaries": [ "127.0.0.1:$PORT" ] }
}
JSON
echo "pair: standby (node 2) following 127.0.0.1:$PORT, $MODE; its output in $DIR/standby.log"
dotnet "$SIM" --config "$DIR/standby.json" >"$DIR/standby.log" 2>&1 &
STANDBY=$!
trap 'kill -TERM $STANDBY 2>/dev/null || true' EXIT
sleep 1
echo "pair: primary (node 1): the main job, $MODE replication to the standby"
set +e
dotnet "$SIM" --config "$DIR/primary.json" --duration "$DURATION" ${RATE:+--rate "$RATE"} | tee "$DIR/primary.log"
PRIMARY_EXIT=${PIPESTATUS[0]}
set -e
kill -TERM $STANDBY 2>/dev/null || true
wait $STANDBY || true
trap - EXIT
hash_of() { grep -o 'State hash after [0-9,]* inputs: [0-9a-f]*' "$1" | tail -1; }
P="$(hash_of "$DIR/primary.log")"; S="$(hash_of "$DIR/standby.log")"
echo "pair: primary: ${P:-no state hash}"
echo "pair: standby: ${S:-no state hash}"
grep -h '^replication: ' "$DIR/standby.log" | tail -1 | sed 's/^/pair: standby /'
if [ -n "$P" ] && [ "$P" = "$S" ]; then
  echo "pair: the standby holds the primary's state (same inputs, same hash)"
  exit "$PRIMARY_EXIT"
fi
echo "pair: the two nodes differ (see $DIR/standby.log)" >&2
exit 1

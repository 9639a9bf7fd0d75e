#!/usr/bin/env bash
# QuickFIX C++ beside TradeX.Fix on this machine: the same two hot-path operations, and a loopback
# round trip (NewOrderSingle answered by the fill, one order in flight, memory stores):
#   QuickFIX <-> QuickFIX, TradeX <-> QuickFIX, TradeX <-> TradeX.
# Usage: bench/quickfix/run.sh [iterations] [round-trip orders]
# Needs g++ and libquickfix-dev (./run.sh test installs them) and FIX44.xml (TRADEX_FIX_DICTIONARY, or
# .deps/fix/FIX44.xml which ./run.sh test fetches). Numbers are only meaningful on a quiet machine.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ITERATIONS="${1:-200000}"
ORDERS="${2:-20000}"
WARMUP=5000
DICT="${TRADEX_FIX_DICTIONARY:-$ROOT/.deps/fix/FIX44.xml}"
[ -s "$DICT" ] || { echo "FIX44.xml not found at $DICT (run ./run.sh test once, or set TRADEX_FIX_DICTIONARY)" >&2; exit 1; }
[ -f /usr/include/quickfix/Application.h ] || { echo "libquickfix-dev is not installed" >&2; exit 1; }

mkdir -p "$HERE/bin"
QFBENCH="$HERE/bin/qfbench"
if [ ! -x "$QFBENCH" ] || [ "$HERE/qfbench.cpp" -nt "$QFBENCH" ]; then
  echo "building qfbench (g++ -O2, QuickFIX $(dpkg-query -W -f='${Version}' libquickfix-dev 2>/dev/null || echo '?'))" >&2
  g++ -std=c++14 -O2 -Wno-deprecated -Wno-deprecated-declarations -o "$QFBENCH" "$HERE/qfbench.cpp" -lquickfix -lpthread
fi
dotnet build "$HERE/dotnet/TradeX.Fix.RoundTrip.csproj" -c Release -nologo -clp:ErrorsOnly -v:q >&2
ROUNDTRIP=(dotnet "$HERE/dotnet/bin/Release/net10.0/TradeX.Fix.RoundTrip.dll")

echo "== $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$QFBENCH" parse "$DICT" "$ITERATIONS"
"$QFBENCH" build "$ITERATIONS"
echo "(TradeX.Fix's own figures for these two: dotnet run -c Release --project bench/TradeX.Bench -- --filter '*Fix*')"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat > "$WORK/server.cfg" <<CFG
[DEFAULT]
ConnectionType=acceptor
SocketAcceptHost=127.0.0.1
SocketAcceptPort=$PORT
SocketNodelay=Y
StartTime=00:00:00
EndTime=00:00:00
HeartBtInt=30
ResetOnLogon=Y
DataDictionary=$DICT
[SESSION]
BeginString=FIX.4.4
SenderCompID=EXCH
TargetCompID=TRADEX
CFG
cat > "$WORK/client.cfg" <<CFG
[DEFAULT]
ConnectionType=initiator
SocketConnectHost=127.0.0.1
SocketConnectPort=$PORT
SocketNodelay=Y
StartTime=00:00:00
EndTime=00:00:00
HeartBtInt=30
ReconnectInterval=1
ResetOnLogon=Y
DataDictionary=$DICT
[SESSION]
BeginString=FIX.4.4
SenderCompID=TRADEX
TargetCompID=EXCH
CFG
"$QFBENCH" server "$WORK/server.cfg" > "$WORK/server.out" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do grep -q READY "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
"$QFBENCH" client "$WORK/client.cfg" "$WARMUP" "$ORDERS"
"${ROUNDTRIP[@]}" quickfix "$PORT" "$DICT" "$WARMUP" "$ORDERS"
"${ROUNDTRIP[@]}" ours "$DICT" "$WARMUP" "$ORDERS"

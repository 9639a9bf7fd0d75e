#!/usr/bin/env bash
# TradeX.Core entry point.
#   ./run.sh [--duration S] [--rate R] [--load simulator|simulator-inprocess|generator|none] [--config F]
#            [--node-core N|auto|none] [--sim-core N|auto|none]
#                             the main job: the node and its gateway on the embedded default configuration,
#                             driven over loopback TCP by the market-maker simulator as a child process, each
#                             pinned to its own core where there are two (TradeX.Sim hosts the node with its
#                             loads; the node executable alone carries none)
#   ./run.sh sim --connect HOST:PORT [--rate R] [--duration S] [--config F] [--core N]
#                             only the market-maker simulator, as its own process, against a running node's gateway
#   ./run.sh test [--long]    every test (--long adds the long fuzz and soak runs)
#   ./run.sh scenario FILE    apply a scenario file to a fresh engine, print events as JSON lines
#   ./run.sh demo             the built-in demo trading day through the engine
#   ./run.sh replay ...       the ops tool on a journal: verify, stats, dump, audit, state (--help)
#   ./run.sh ring-vs-java     our ring and LMAX's Java Disruptor side by side (bench/ring-vs-java.sh --help)
#   ./run.sh pair [--mode async|sync] [--duration S]
#                             a primary (the main job) and a hot standby as two processes on loopback (ops/pair.sh)
# Everything this needs is installed here on first use (Debian packages, the FIX dictionary,
# NuGet packages); later runs skip what is already present.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
DEPS="$ROOT/.deps"
CONFIG="${TRADEX_CONFIGURATION:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { echo "run.sh: $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else log "root is needed for: $*"; return 1; fi
}

# Debian packages used by the tests and tools:
#   g++ + libquickfix-dev      a real FIX 4.4 counterparty (QuickFIX C++ 1.15) built by the interop tests
#   default-jdk-headless       runs libhdrhistogram-java, the reference reader of our histogram logs
#   libhdrhistogram-java       HdrHistogram's own Java implementation
#   libdisruptor-java          LMAX's Disruptor 3.4.4, run side by side with our ring (bench/ring-vs-java.sh)
#   npm                        fetches the standard FIX44.xml dictionary (package jspurefix)
APT_PACKAGES=(g++ libquickfix-dev default-jdk-headless libhdrhistogram-java libdisruptor-java npm)

ensure_apt() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  # npm may come from elsewhere (nodesource); do not fight it.
  if command -v npm >/dev/null 2>&1; then
    missing=("${missing[@]/npm}")
  fi
  local todo=()
  for p in "${missing[@]}"; do [ -n "$p" ] && todo+=("$p"); done
  if [ ${#todo[@]} -gt 0 ]; then
    log "installing Debian packages: ${todo[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${todo[@]}" >/dev/null
  fi
}

# The standard FIX 4.4 data dictionary in QuickFIX's XML format. Debian's QuickFIX packages do not
# ship it; the npm package jspurefix does, under data/. Pinned version.
JSPUREFIX_VERSION=5.11.4
ensure_fix_dictionary() {
  local dict="$DEPS/fix/FIX44.xml"
  [ -s "$dict" ] && return 0
  log "fetching FIX44.xml from npm package jspurefix@$JSPUREFIX_VERSION"
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "jspurefix@$JSPUREFIX_VERSION" >/dev/null 2>&1)
  mkdir -p "$DEPS/fix"
  tar -xzf "$tmp"/jspurefix-*.tgz -C "$tmp" package/data/FIX44.xml
  mv "$tmp/package/data/FIX44.xml" "$dict"
  rm -rf "$tmp"
}

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || { log "the .NET 10 SDK (dotnet) is required on PATH"; exit 1; }
}

# Builds quietly; on failure prints the whole build log.
build() {
  ensure_dotnet
  local log
  log="$(mktemp)"
  if ! dotnet build "$@" -c "$CONFIG" -nologo >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    log "build failed"
    exit 1
  fi
  rm -f "$log"
}

# The main job and the node's commands: TradeX.Sim hosts the node with the loads that drive it.
run_node() {
  build src/TradeX.Sim/TradeX.Sim.csproj
  exec dotnet "src/TradeX.Sim/bin/$CONFIG/net10.0/TradeX.Sim.dll" "$@"
}

cmd="${1:-}"
case "$cmd" in
  test)
    shift
    ensure_apt
    ensure_fix_dictionary
    if [ "${1:-}" = "--long" ]; then export TRADEX_LONG_TESTS=1; shift; fi
    export TRADEX_FIX_DICTIONARY="${TRADEX_FIX_DICTIONARY:-$DEPS/fix/FIX44.xml}"
    ensure_dotnet
    rm -rf "$ROOT/TestResults"
    build TradeX.Core.sln
    dotnet test TradeX.Core.sln -c "$CONFIG" --no-build -nologo \
      --logger "trx;LogFilePrefix=tradex" --logger "console;verbosity=minimal" \
      --results-directory "$ROOT/TestResults" "$@"
    ;;
  ring-vs-java)
    # Our ring and LMAX's Java Disruptor in turn on this machine, with the ratio (bench/RESULTS.md)
    shift
    ensure_apt
    ensure_dotnet
    exec bench/ring-vs-java.sh "$@"
    ;;
  pair)
    # A primary and a hot standby on this machine; compares their state at the end (docs/replication.md)
    shift
    build src/TradeX.Sim/TradeX.Sim.csproj
    exec ops/pair.sh "$@"
    ;;
  replay)
    # The ops tool: ./run.sh replay verify|stats|dump|audit|state ... (see docs/journal.md)
    shift
    build src/TradeX.Tools/TradeX.Tools.csproj
    exec dotnet "src/TradeX.Tools/bin/$CONFIG/net10.0/TradeX.Tools.dll" "$@"
    ;;
  sim)
    # The market-maker simulator alone, as its own process against a running node's gateway:
    # ./run.sh sim --connect HOST:PORT [--rate R] [--duration S] [--config F] [--core N] [--credentials F] [--report-json F]
    run_node "$@"
    ;;
  ""|node)
    [ -n "$cmd" ] && shift
    run_node "$@"
    ;;
  *)
    run_node "$@"
    ;;
esac

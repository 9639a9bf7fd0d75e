#!/usr/bin/env bash
# Issue 14: TradeX.Disruptor side by side with LMAX's Java Disruptor on this machine. Runs the Java
# harness (bench/disruptor-java, Debian's libdisruptor-java 3.4.4 on the installed JDK) and ours
# (TradeX.Bench ring-harness) in turn, ROUNDS times (default 2), optionally a baseline build of ours
# too, then prints one table per metric with the medians and the ratio against Java.
#   bench/ring-vs-java.sh [--rounds N] [--base PATH/TradeX.Bench.dll] [--no-build] [-- harness options]
# Harness options (both sides): --events N --runs N --seconds S --only throughput|pingpong --strategies a,b
# Needs: apt-get install libdisruptor-java libhdrhistogram-java default-jdk-headless
# "x Java" is ours against Java: throughput ours/Java, latency Java/ours; at least 1.00 means at least as good.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=2 BASE="" BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --base) BASE="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --) shift; break ;;
    *) break ;;
  esac
done
OURS="$ROOT/bench/TradeX.Bench/bin/Release/net10.0/TradeX.Bench.dll"
if [ "$BUILD" = 1 ]; then
  dotnet build "$ROOT/bench/TradeX.Bench" -c Release -nologo -v q >/dev/null
fi
OUT="$(mktemp -d "${TMPDIR:-/tmp}/ring-vs-java.XXXXXX")"
echo "ring-vs-java: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, raw output in $OUT" >&2
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round: java   ($(uptime | sed 's/.*load average/load/'))" >&2
  "$ROOT/bench/disruptor-java/run.sh" --label "java" "$@" | tee -a "$OUT/raw.txt" | grep -v '^RESULT' >&2 || true
  if [ -n "$BASE" ]; then
    echo "round $round: base   ($(uptime | sed 's/.*load average/load/'))" >&2
    dotnet "$BASE" ring-harness --label "base" "$@" | tee -a "$OUT/raw.txt" | grep -v '^RESULT' >&2 || true
  fi
  echo "round $round: dotnet ($(uptime | sed 's/.*load average/load/'))" >&2
  dotnet "$OURS" ring-harness --label "dotnet" "$@" | tee -a "$OUT/raw.txt" | grep -v '^RESULT' >&2 || true
done

# One row per test and strategy; one column per side and round, then the medians and the ratio.
table() { # $1 = field to report, $2 = "up" when bigger is better, $3 = title
  grep '^RESULT' "$OUT/raw.txt" | awk -v field="$1" -v better="$2" -v title="$3" '
    function median(list,   n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n == 0 ? "" : (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2)
    }
    {
      side = ""; key = ""; value = ""
      for (i = 2; i <= NF; i++) {
        split($i, kv, "=")
        if (kv[1] == "side") side = kv[2]
        else if (kv[1] == "test") test = kv[2]
        else if (kv[1] == "strategy") strategy = kv[2]
        else if (kv[1] == field) value = kv[2]
      }
      if (value == "") next
      key = test " " strategy
      if (!(key in seen)) { seen[key] = 1; keys[++nkeys] = key }
      cells[key] = cells[key] sprintf(" %s:%s", side, value)
      values[key, side] = values[key, side] " " value
    }
    END {
      printf "\n%s\n%-26s %-44s %10s %10s %10s %8s %9s\n", title, "test strategy", "per round (side:value)", "java", "base", "dotnet", "x Java", "x Channel"
      for (k = 1; k <= nkeys; k++) {
        key = keys[k]; split(key, parts, " ")
        j = median(values[key, "java"]); b = median(values[key, "base"]); d = median(values[key, "dotnet"])
        c = median(values[parts[1] " channel", "dotnet"])
        ratio = (j == "" || d == "" || j == 0 || d == 0) ? "" : sprintf("%.2f", better == "up" ? d / j : j / d)
        vsch = (c == "" || d == "" || parts[2] == "channel" || c == 0 || d == 0) ? "" : sprintf("%.2f", better == "up" ? d / c : c / d)
        printf "%-26s %-44s %10s %10s %10s %8s %9s\n", key, cells[key], j, b, d, ratio, vsch
      }
    }'
}
table mops up "throughput, million events/s (median of the runs in each round; bigger is better)"
table p50 down "ping-pong round trip p50, ns (smaller is better)"
table p99 down "ping-pong round trip p99, ns"
table p999 down "ping-pong round trip p99.9, ns"

#!/usr/bin/env bash
# Builds and runs RingVsJava (the Java half of bench/ring-vs-java.sh) on Debian's LMAX Disruptor.
# Needs the Debian packages libdisruptor-java (/usr/share/java/disruptor.jar, 3.4.4),
# libhdrhistogram-java (/usr/share/java/hdrhistogram.jar) and a JDK 17 (default-jdk-headless).
#   bench/disruptor-java/run.sh [RingVsJava options: --events N --runs N --seconds S --only throughput|pingpong --strategies a,b --label L]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="$HERE/build"
CP="/usr/share/java/disruptor.jar:/usr/share/java/hdrhistogram.jar"
for jar in ${CP//:/ }; do
  [ -f "$jar" ] || { echo "disruptor-java: $jar is missing (apt-get install libdisruptor-java libhdrhistogram-java)" >&2; exit 1; }
done
if [ ! -f "$BUILD/RingVsJava.class" ] || [ "$HERE/RingVsJava.java" -nt "$BUILD/RingVsJava.class" ]; then
  mkdir -p "$BUILD"
  javac -d "$BUILD" -cp "$CP" "$HERE/RingVsJava.java"
fi
# A 1 GiB fixed heap: nothing is allocated while measuring, so no collection moves the figures.
exec java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$BUILD:$CP" RingVsJava "$@"

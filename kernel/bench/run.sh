#!/usr/bin/env bash
# Runs the Java kernel workloads (dev.tern.kernel.bench.KernelBench), each in a fresh JVM,
# then the Erlang/OTP reference (run-erlang.sh) when erl is installed, and prints a table of
# each figure for Java and Erlang with the ratio Java / Erlang. docs/BENCHMARKS.md records
# the results and the targets.
#
# Usage: kernel/bench/run.sh [--no-build]
#   --no-build  use target/tern-kernel-bench.jar as it is, even if sources are newer
#
# Environment:
#   JAVA_HOME   a JDK 25 or newer. When unset or older, and java on PATH is older too,
#               /usr/lib/jvm/temurin-25-jdk-amd64 is used.
#   BENCH_HEAP  maximum heap of the workload JVMs (default 8g). The spawn workload also
#               runs once with -Xmx1g to check that a million waiting GenServers fit.
set -euo pipefail

java_workloads=(spawn_rate spawn_rate_async spawn_rate_plain ring ring_plain send_1to1 send_1to1_plain
                send_1000to1000 send_1000to1000_plain call call_plain restarts)
# Each workload stops itself after 60 s; this outer limit also covers JVM start and exit.
workload_limit=90s
heap=${BENCH_HEAP:-8g}

build=yes
case "${1:-}" in
  "") ;;
  --no-build) build=no ;;
  *) echo "run.sh: unknown option '$1'. Usage: run.sh [--no-build]" >&2; exit 2 ;;
esac

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(cd "$bench_dir/../.." && pwd)"
jar="$bench_dir/target/tern-kernel-bench.jar"

# Prints the feature release of the JDK at $1 (25 for 25.0.1), or 0 when it has no java.
java_release() {
  [[ -x "$1/bin/java" ]] || { echo 0; return; }
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F' = ' '/java.specification.version/ { split($2, v, "."); print v[1]; found = 1 }
                   END { if (!found) print 0 }'
}

if [[ -z "${JAVA_HOME:-}" || "$(java_release "$JAVA_HOME")" -lt 25 ]]; then
  path_java="$(command -v java || true)"
  path_home="$(dirname "$(dirname "$(readlink -f "${path_java:-/nonexistent}")")")"
  if [[ -n "$path_java" && "$(java_release "$path_home")" -ge 25 ]]; then
    JAVA_HOME="$path_home"
  else
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  fi
fi
if [[ "$(java_release "$JAVA_HOME")" -lt 25 ]]; then
  echo "run.sh: no JDK 25 found (tried JAVA_HOME, java on PATH and $JAVA_HOME). Set JAVA_HOME to a JDK 25" >&2
  exit 1
fi
export JAVA_HOME
java="$JAVA_HOME/bin/java"

if [[ "$build" == yes ]]; then
  if [[ ! -f "$jar" ]] || [[ -n "$(find "$bench_dir/src" "$bench_dir/pom.xml" "$repo_dir/kernel/src/main" \
                                     "$repo_dir/kernel/pom.xml" -newer "$jar" -print -quit)" ]]; then
    echo "Building $jar"
    (cd "$repo_dir" && ./mvnw -B -q -pl kernel/bench -am package -DskipTests)
  fi
elif [[ ! -f "$jar" ]]; then
  echo "run.sh: $jar not found; run without --no-build to build it" >&2
  exit 1
fi

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
failed=0

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
     "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "JDK: $("$java" -version 2>&1 | head -n 2 | tail -n 1)"

for workload in "${java_workloads[@]}"; do
  if ! timeout "$workload_limit" "$java" "-Xmx$heap" -cp "$jar" dev.tern.kernel.bench.KernelBench "$workload" \
      | tee -a "$results"; then
    echo "run.sh: Java workload $workload failed" >&2
    failed=1
  fi
done

# The 1 GiB check: the spawn workload must complete within the heap. Its figures get an
# _xmx1g suffix so the table keeps them apart from the run with the larger heap.
if timeout "$workload_limit" "$java" -Xmx1g -XX:+ExitOnOutOfMemoryError -cp "$jar" \
    dev.tern.kernel.bench.KernelBench spawn_rate > "$results.xmx1g" 2>&1; then
  verdict=completed
else
  verdict=failed
fi
sed -n 's/^java \([a-z0-9_]*\) /java \1_xmx1g /p' "$results.xmx1g" | tee -a "$results"
echo "java spawn_1m_in_1g_heap $verdict -" | tee -a "$results"
rm -f "$results.xmx1g"

if command -v erl >/dev/null; then
  echo "OTP: $(erl -noshell -eval 'io:format("~s", [erlang:system_info(otp_release)]), halt().')," \
       "ERTS $(erl -noshell -eval 'io:format("~s", [erlang:system_info(version)]), halt().')"
  if ! timeout 300s "$bench_dir/run-erlang.sh" | tee -a "$results"; then
    echo "run.sh: Erlang workloads failed" >&2
    failed=1
  fi
else
  echo "run.sh: erl not found, so the Erlang column stays empty. Install Erlang/OTP with: apt-get install erlang-nox" >&2
fi

# Java figures ending in _plain or _xmx1g are set beside the Erlang figure without the suffix.
echo
awk '
  $1 == "java"   { if (!($2 in java)) order[n++] = $2; java[$2] = $3; unit[$2] = $4 }
  $1 == "erlang" { erlang[$2] = $3; if (!($2 in unit)) unit[$2] = $4 }
  END {
    printf "%-28s %14s %14s %8s  %s\n", "figure", "java", "erlang", "ratio", "unit"
    for (i = 0; i < n; i++) {
      figure = order[i]
      base = figure
      sub(/_plain$/, "", base)
      sub(/_xmx1g$/, "", base)
      e = (base in erlang) ? erlang[base] : "-"
      ratio = (e != "-" && e + 0 != 0 && java[figure] ~ /^[0-9.]+$/) ? sprintf("%.2f", java[figure] / e) : "-"
      printf "%-28s %14s %14s %8s  %s\n", figure, java[figure], e, ratio, unit[figure]
    }
    for (figure in erlang) {
      if (!(figure in java)) printf "%-28s %14s %14s %8s  %s\n", figure, "-", erlang[figure], "-", unit[figure]
    }
  }' "$results"

exit "$failed"

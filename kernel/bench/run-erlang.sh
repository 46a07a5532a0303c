#!/usr/bin/env bash
# Runs the Erlang/OTP reference workloads of the kernel benchmarks and prints
# one `erlang <figure> <value> <unit>` line per figure.
#
# Usage: kernel/bench/run-erlang.sh [WORKLOAD]
#   WORKLOAD is one of spawn_rate, ring, send_1to1, send_1000to1000, call,
#   restarts; without it all of them run. Each workload runs in a fresh VM so
#   that processes and memory left by one cannot skew the next.
set -euo pipefail

workloads=(spawn_rate ring send_1to1 send_1000to1000 call restarts)

if ! command -v erl >/dev/null || ! command -v erlc >/dev/null; then
  echo "run-erlang.sh: erl or erlc not found. Install Erlang/OTP with: apt-get install erlang-nox" >&2
  exit 1
fi

if [[ $# -gt 1 ]]; then
  echo "run-erlang.sh: expected at most one workload (${workloads[*]}), got $#" >&2
  exit 2
fi
if [[ $# -eq 1 ]]; then
  if [[ " ${workloads[*]} " != *" $1 "* ]]; then
    echo "run-erlang.sh: unknown workload '$1'. Expected one of: ${workloads[*]}" >&2
    exit 2
  fi
  workloads=("$1")
fi

source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/erlang" && pwd)"
build_dir="$(mktemp -d)"
trap 'rm -rf "$build_dir"' EXIT
erlc -o "$build_dir" "$source_dir/tern_bench.erl"

# +P raises the process limit above the 1,000,000 waiters of spawn_rate.
for workload in "${workloads[@]}"; do
  erl -noshell +P 2000000 -pa "$build_dir" -run tern_bench main "$workload"
done

#!/usr/bin/env bash
# Side-by-side comparison of Herald's filter engine and Koncorde 4.7.0 (see benchmarks/README.md).
#
#   benchmarks/compare.sh [--filters N] [--docs N] [--keywords a,b] [--seed S] [--out DIR]
#                         [--warmup S] [--rounds N] [--round-seconds S] [--skip-build]
#
# Builds the benchmarks jar and the Koncorde project, generates the workloads, runs Koncorde then
# Herald on each keyword, and prints a Markdown table. Exits non-zero when the engines disagree.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
filters=10000
docs=1000
keywords=""
seed=42
out=""
warmup=5
rounds=5
round_seconds=1
build=1

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --filters) filters="${2:?--filters needs a value}"; shift 2 ;;
    --docs) docs="${2:?--docs needs a value}"; shift 2 ;;
    --keywords) keywords="${2:?--keywords needs a value}"; shift 2 ;;
    --seed) seed="${2:?--seed needs a value}"; shift 2 ;;
    --out) out="${2:?--out needs a value}"; shift 2 ;;
    --warmup) warmup="${2:?--warmup needs a value}"; shift 2 ;;
    --rounds) rounds="${2:?--rounds needs a value}"; shift 2 ;;
    --round-seconds) round_seconds="${2:?--round-seconds needs a value}"; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) usage ;;
    *) echo "compare.sh: unknown argument $1" >&2; usage ;;
  esac
done

out="${out:-$root/benchmarks/target/compare}"
jar="$root/benchmarks/target/herald-benchmarks.jar"
koncorde_dir="$root/benchmarks/koncorde"

if [[ $build -eq 1 ]]; then
  echo "Building the benchmarks jar..." >&2
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests)
  # npm ci rebuilds Koncorde's native addons (minutes): only when the lock file changed since.
  stamp="$koncorde_dir/node_modules/.compare-lock"
  if ! cmp -s "$koncorde_dir/package-lock.json" "$stamp" 2>/dev/null; then
    echo "Installing Koncorde from package-lock.json (npm ci, builds native addons)..." >&2
    (cd "$koncorde_dir" && npm ci --no-audit --no-fund >&2)
    cp "$koncorde_dir/package-lock.json" "$stamp"
  fi
fi

rm -rf "$out"
mkdir -p "$out"
generate=(--out "$out" --filters "$filters" --docs "$docs" --seed "$seed")
if [[ -n "$keywords" ]]; then
  generate+=(--keywords "$keywords")
fi
java -cp "$jar" dev.herald.benchmarks.compare.Workloads "${generate[@]}" >&2

timing=(--warmup "$warmup" --rounds "$rounds" --round-seconds "$round_seconds")
status=0
for workload in "$out"/*.json; do
  keyword="$(basename "$workload" .json)"
  node --expose-gc "$koncorde_dir/run.js" "$workload" "$out/$keyword.koncorde.json" "${timing[@]}"
  # A fixed heap keeps resizing out of the figures; the default collector (G1) is kept.
  if ! java -Xms1g -Xmx1g -cp "$jar" dev.herald.benchmarks.compare.Compare \
      --workload "$workload" --koncorde "$out/$keyword.koncorde.json" --out "$out/$keyword.herald.json" "${timing[@]}"; then
    status=1
  fi
done

report=("$out")
if [[ -n "$keywords" ]]; then
  report+=("$keywords")
fi
java -cp "$jar" dev.herald.benchmarks.compare.Report "${report[@]}" || status=1
exit $status

#!/usr/bin/env bash
# Where regzoo's training time goes, in native code: runs `./regzoo bench` for one model under Linux perf and groups
# the samples of its two busiest threads (bench/perf_groups.py). Needs perf (Debian: linux-perf) and a
# perf_event_paranoid setting that allows profiling your own processes.
#   bench/profile.sh [MODEL] [SECONDS]      (defaults: smallcnn 30)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:-smallcnn}" seconds="${2:-30}"
command -v perf >/dev/null || { echo "profile.sh: perf not found (Debian: apt install linux-perf)" >&2; exit 2; }
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "profile.sh: SECONDS must be a positive integer, got '$seconds'" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/regzoo" --version >/dev/null  # builds regzoo now, outside the profile
"$root/regzoo" bench --model "$model" --seconds $((seconds + 10)) --infer-seconds 1 >"$work/bench.json" &
bench=$!
sleep 8  # JVM start, model creation and warm-up stay out of the profile
perf record -q -F 999 -g -p "$(pgrep -P "$bench" java || echo "$bench")" -o "$work/perf.data" -- sleep "$seconds" 2>/dev/null
wait "$bench"
echo "bench: $(cat "$work/bench.json")"
perf script -i "$work/perf.data" -F tid,ip,sym,dso -G 2>/dev/null | python3 "$root/bench/perf_groups.py" 2

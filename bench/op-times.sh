#!/usr/bin/env bash
# Minimal reproduction of where DL4J 1.0.0-M2.1 loses training time to PyTorch on the CPU: the forward and backward
# ops of one SmallCnn block (3x3 convolution, BatchNorm, ReLU, max pooling; channels-last 128x28x28x32 floats) timed
# op by op in libnd4j (zoo/src/test/java/dev/regzoo/cpu/OpTimes.java, with regzoo's own BatchNorm path beside
# libnd4j's) and in PyTorch (bench/op_times.py), then printed side by side. Needs the PyTorch peer
# (../shared/bench/setup-peer.sh). Results: docs/benchmarks.md, "Minimal reproduction".
#   bench/op-times.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
/usr/bin/python3 -c 'import torch' 2>/dev/null \
    || { echo "op-times.sh: PyTorch is missing for /usr/bin/python3 (run ../shared/bench/setup-peer.sh)" >&2; exit 2; }
"$root/regzoo" --version >/dev/null  # builds regzoo and writes its classpath
(cd "$root" && mvn -B -q -pl zoo test-compile) >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# ./regzoo's glibc and OpenBLAS settings, so that the ops see the allocator they see in training.
source "$root/scripts/native-env.sh"
java --add-modules=jdk.incubator.vector -cp "$root/zoo/target/test-classes:$root/zoo/target/classes:$(cat "$root/cli/target/classpath.txt")" \
    dev.regzoo.cpu.OpTimes 2>/dev/null | grep '^{' >"$work/ops.jsonl"
/usr/bin/python3 "$root/bench/op_times.py" >>"$work/ops.jsonl"
/usr/bin/python3 - "$work/ops.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
torch = {r["op"]: r for r in rows if r["framework"] == "pytorch"}
print(f"one SmallCnn block, {rows[0]['shape']}, float32, median ms of 30 calls")
print("| op | DL4J forward | PyTorch forward | ratio | DL4J backward | PyTorch backward | ratio |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    if r["framework"] != "dl4j":
        continue
    t = torch[r["op"].split("_")[0]]
    print(f"| {r['op']} | {r['forward_ms']:.2f} | {t['forward_ms']:.2f} | {r['forward_ms'] / t['forward_ms']:.1f}x "
          f"| {r['backward_ms']:.2f} | {t['backward_ms']:.2f} | {r['backward_ms'] / t['backward_ms']:.1f}x |")
PY

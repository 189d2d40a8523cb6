#!/usr/bin/env bash
# Runs regzoo's bench and the PyTorch peer (peer_bench.py) alternately on this machine, A B A B: each round runs
# every model once in regzoo, then once in PyTorch, one process per model and framework. Writes docs/benchmarks.md
# with per-round and median images/s, regzoo/PyTorch ratios, peak RSS, the machine and the versions.
#
#   bench/compare.sh [--rounds 2] [--models smallcnn,resnet18w16,resnet18] [--seconds 15] [--infer-seconds 8]
#                    [--warmup 3] [--out docs/benchmarks.md]
#
# --models takes regzoo bench's names: every zoo model (regzoo list), each optionally with wWIDTH (resnet18w16).
# PEER_BENCH points at the PyTorch side (default: bench/resnet_family.py, which is ../shared/bench/peer_bench.py with
# the ResNet family's PyTorch definitions added; PEER_DIR points at peer_bench.py's folder, default ../shared/bench
# beside the repository); install the peer once with its setup-peer.sh. Needs GNU time (/usr/bin/time) and Linux's
# /proc. Raw JSON lines are kept under target/bench/ and appended to the report.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peer="${PEER_BENCH:-$root/bench/resnet_family.py}"
rounds=2 models=smallcnn,resnet18w16,resnet18 seconds=15 infer_seconds=8 warmup=3 out="$root/docs/benchmarks.md"
args="$*"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2" ;;
    --models) models="$2" ;;
    --seconds) seconds="$2" ;;
    --infer-seconds) infer_seconds="$2" ;;
    --warmup) warmup="$2" ;;
    --out) out="$2" ;;
    *) echo "usage: $0 [--rounds N] [--models a,b] [--seconds S] [--infer-seconds S] [--warmup N] [--out FILE]" >&2
       exit 2 ;;
  esac
  shift 2
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --rounds must be an integer >= 1, got '$rounds'" >&2; exit 2; }
[[ -f "$peer" ]] || { echo "compare.sh: no peer benchmark at $peer (set PEER_BENCH)" >&2; exit 2; }
/usr/bin/python3 -c 'import torch' 2>/dev/null \
    || { echo "compare.sh: PyTorch is missing for /usr/bin/python3 (run ${peer%/*}/setup-peer.sh once)" >&2; exit 2; }

raw="$root/target/bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$raw"
"$root/regzoo" --version >/dev/null  # builds regzoo now, outside the timed runs
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# run FRAMEWORK ROUND MODEL COMMAND...: the command's JSON line to RAW/ROUND.FRAMEWORK.MODEL.json, its stderr to
# .log, its peak RSS (KiB), wall, user and system seconds (GNU time) to .time, the machine's CPU counters
# (/proc/stat) before and after it to .stat
run() {
  local name="$raw/$2.$1.$3"
  echo "compare.sh: round $2, $1, $3" >&2
  head -n 1 /proc/stat >"$name.stat"
  /usr/bin/time -f '%M %e %U %S' -o "$name.time" "${@:4}" 2>"$name.log" | grep '^{' >"$name.json" || {
    echo "compare.sh: $1 $3 printed no result; the end of $name.log:" >&2
    tail -n 20 "$name.log" >&2
    exit 1
  }
  head -n 1 /proc/stat >>"$name.stat"
}
for ((r = 1; r <= rounds; r++)); do
  for m in ${models//,/ }; do
    run regzoo "$r" "$m" "$root/regzoo" bench --model "$m" --seconds "$seconds" --infer-seconds "$infer_seconds" \
        --warmup "$warmup"
    run pytorch "$r" "$m" /usr/bin/python3 "$peer" --models "$m" --train-seconds "$seconds" \
        --infer-seconds "$infer_seconds" --warmup "$warmup"
  done
done

mkdir -p "$(dirname "$out")"
/usr/bin/python3 - "$raw" "$out" "$models" "bench/compare.sh $args" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    "$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$(/usr/bin/python3 -c 'import torch; print(torch.__version__)')" "$seconds" "$infer_seconds" <<'PY'
import json, os, statistics, sys
raw, out, models, command, date, machine, load_before, load_after, torch_version, secs, infer_secs = sys.argv[1:]
models = models.split(",")


def load(model, fw):
    """[(round, JSON line, peak RSS MiB, CPUs other processes used meanwhile)] of one model and framework."""
    rounds = []
    for name in sorted(n for n in os.listdir(raw) if n.endswith(f".{fw}.{model}.json")):
        base = os.path.join(raw, name[:-5])
        with open(base + ".json") as j, open(base + ".time") as t, open(base + ".stat") as st:
            rss, wall, user, system = map(float, t.read().split()[-4:])
            # busy jiffies: user nice system irq softirq steal (fields 1-8 of the "cpu" line less idle and iowait)
            busy = [sum(v[:8]) - v[3] - v[4] for v in (list(map(int, line.split()[1:])) for line in st)]
            others = ((busy[1] - busy[0]) / os.sysconf("SC_CLK_TCK") - user - system) / wall
            rounds.append((int(name.split(".")[0]), json.load(j), rss / 1024, max(others, 0.0)))
    return sorted(rounds, key=lambda t: t[0])


runs = {(m, fw): load(m, fw) for m in models for fw in ("regzoo", "pytorch")}
rz, pt = runs[(models[0], "regzoo")][0][1], runs[(models[0], "pytorch")][0][1]
med = statistics.median


def col(rounds, key):
    return med([j[key] for _, j, _, _ in rounds])


lines = [
    "# Benchmarks: regzoo (DL4J) and PyTorch on the CPU", "",
    f"Generated by `{command.strip()}` on {date}. Rounds alternate A B A B: in each round every model runs in "
    "regzoo, then in PyTorch, each in its own process.", "",
    f"- Machine: {machine} (load average {load_before} before, {load_after} after).",
    f"- Java {rz['java_version']}, DL4J {rz['dl4j_version']} (oneDNN helpers {'on' if rz['onednn'] else 'off'}, "
    f"{rz['threads']} threads); PyTorch {torch_version} ({pt['threads']} threads).",
    f"- Training: batch {rz['train_batch']}, SGD with Nesterov momentum 0.9 and weight decay 5e-4; inference: batch "
    f"{rz['infer_batch']}. {rz['warmup']} untimed warm-up iterations, then at least {secs} s of training and "
    f"{infer_secs} s of inference. regzoo uses random data of Fashion-MNIST's shape, PyTorch real Fashion-MNIST.",
    "- **The numbers are noisy**: a shared 2-core VM where other builds may run at the same time. Absolute figures "
    "do not carry to another machine or run; compare the regzoo/PyTorch ratios of one run.",
    "- Peak RSS is the whole process's (GNU time), the JVM's included for regzoo. Others: how many CPUs other "
    "processes kept busy on average while the regzoo / PyTorch process ran (0 = a quiet machine, 1 = one of the "
    "cores taken); rounds with high values understate that side's speed.",
    ""]


def row(label, zt, pt_, zi, pi, zr, pr, others):
    lines.append(f"| {label} | {zt:,.0f} | {pt_:,.0f} | {zt / pt_:.2f} | {zi:,.0f} | {pi:,.0f} | {zi / pi:.2f} "
                 f"| {zr:,.0f} | {pr:,.0f} | {others} |")


for m in models:
    z, p = runs[(m, "regzoo")], runs[(m, "pytorch")]
    lines += [f"## {m}", "", "| round | regzoo train img/s | PyTorch train img/s | train ratio | regzoo infer img/s "
              "| PyTorch infer img/s | infer ratio | regzoo peak RSS MiB | PyTorch peak RSS MiB | others |",
              "|---" * 10 + "|"]
    for (rnd, zj, zr, zo), (_, pj, pr, po) in zip(z, p):
        row(rnd, zj["train_img_s"], pj["train_img_s"], zj["infer_img_s"], pj["infer_img_s"], zr, pr,
            f"{zo:.2f} / {po:.2f}")
    row("**median**", col(z, "train_img_s"), col(p, "train_img_s"), col(z, "infer_img_s"), col(p, "infer_img_s"),
        med([r for _, _, r, _ in z]), med([r for _, _, r, _ in p]), "")
    lines += ["", f"Median ms per iteration, train / infer: regzoo {col(z, 'train_ms_iter_median'):.0f} / "
              f"{col(z, 'infer_ms_iter_median'):.0f}, PyTorch {col(p, 'train_ms_iter_median'):.0f} / "
              f"{col(p, 'infer_ms_iter_median'):.0f}. regzoo: {col(z, 'first_step_s'):.1f} s from JVM start to the "
              f"first training step; peaks of {col(z, 'peak_heap_mb'):.0f} MiB heap, "
              f"{col(z, 'peak_offheap_mb'):.0f} MiB ND4J off-heap, {col(z, 'peak_rss_mb'):.0f} MiB RSS (VmHWM).", ""]
# The hand-written analysis between the markers survives a new run (it says which run it refers to).
begin, end = "<!-- analysis: kept by bench/compare.sh -->", "<!-- end of analysis -->"
try:
    previous = open(out).read()
    if begin in previous and end in previous:
        lines += [previous[previous.index(begin):previous.index(end) + len(end)], ""]
except FileNotFoundError:
    pass
lines += ["<details><summary>Raw JSON lines (round, framework, line)</summary>", "", "```"]
lines += [f"{rnd} {fw} {json.dumps(j)}" for (m, fw), rs in runs.items() for rnd, j, _, _ in rs]
lines += ["```", "", "</details>", ""]
with open(out, "w") as f:
    f.write("\n".join(lines))
print(f"compare.sh: wrote {out}", file=sys.stderr)
PY

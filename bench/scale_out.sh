#!/usr/bin/env bash
# Side-by-side training throughput and accuracy of one recipe three ways on this machine: the plain trainer (one
# process), Spark local[2] (scripts/spark-train.sh, one JVM) and a two-worker standalone cluster on the loopback
# interface (scripts/spark-cluster.sh: master, workers and executors as separate JVMs), same data, same epochs.
#   bench/scale_out.sh [--recipes fashion-smallcnn,fashion-resnet18-narrow] [--train-limit 5000] [--epochs 2]
#                      [--rounds 1] [--out docs/scale-out-measured.md]
# Every run writes a run folder under $SCALE_OUT_DIR (default /tmp/regzoo-scale-out); the table takes images/s of the
# last epoch (the first includes warm-up), validation accuracy after it and test accuracy of the best model from each
# run's metrics.json, and wall time with the JVM's start. Rounds alternate the three engines.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recipes="fashion-smallcnn,fashion-resnet18-narrow"
limit=5000
epochs=2
rounds=1
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --recipes) recipes="$2"; shift 2 ;;
    --train-limit) limit="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "scale_out.sh: unknown option $1 (--recipes, --train-limit, --epochs, --rounds, --out)" >&2; exit 2 ;;
  esac
done
work="${SCALE_OUT_DIR:-/tmp/regzoo-scale-out}"
rm -rf "$work" && mkdir -p "$work"
cd "$root"
master="$(scripts/spark-cluster.sh start | tail -n 1)"
trap 'scripts/spark-cluster.sh stop >/dev/null 2>&1 || true' EXIT

timed() { # NAME COMMAND...: runs COMMAND, logs to $work/NAME.log, records its wall time
  local name="$1"; shift
  local start=$SECONDS
  "$@" > "$work/$name.log" 2>&1 || { echo "scale_out.sh: $name failed, see $work/$name.log" >&2; exit 1; }
  echo $((SECONDS - start)) > "$work/$name.wall"
}

IFS=',' read -r -a names <<< "$recipes"
for recipe in "${names[@]}"; do
  ./regzoo data export "$recipe" --train-limit "$limit" --out "$work/export-$recipe" > "$work/export-$recipe.log" 2>&1
done
for round in $(seq 1 "$rounds"); do
  for recipe in "${names[@]}"; do
    echo "round $round: $recipe" >&2
    # --ema-decay 0: the Spark job trains without a recipe's EMA, so the plain run does too (like for like)
    timed "plain-$recipe-$round" ./regzoo train "$recipe" --train-limit "$limit" --epochs "$epochs" --ema-decay 0 \
      --out "$work/plain-$recipe-$round"
    timed "local-$recipe-$round" scripts/spark-train.sh --master 'local[2]' -- "$recipe" \
      --data "$work/export-$recipe" --epochs "$epochs" --out "$work/local-$recipe-$round"
    timed "cluster-$recipe-$round" scripts/spark-train.sh --master "$master" --executor-memory 1600m -- "$recipe" \
      --data "$work/export-$recipe" --epochs "$epochs" --out "$work/cluster-$recipe-$round"
  done
done

python3 - "$work" "$recipes" "$rounds" "$limit" "$epochs" > "$work/table.md" <<'PY'
import json, sys
work, recipes, rounds, limit, epochs = sys.argv[1], sys.argv[2].split(','), int(sys.argv[3]), sys.argv[4], sys.argv[5]
engines = [("plain", "plain trainer, 1 process"), ("local", "Spark local[2], 1 JVM"),
           ("cluster", "Spark standalone, 2 workers x 1 core")]
print(f"--train-limit {limit}, {epochs} epochs, {rounds} round(s); images/s of the last epoch\n")
print("| recipe | engine | round | images/s | ratio to plain | val acc | test acc | wall time (s) |")
print("|---|---|---|---|---|---|---|---|")
for recipe in recipes:
    for r in range(1, rounds + 1):
        plain = None
        for key, label in engines:
            m = json.load(open(f"{work}/{key}-{recipe}-{r}/metrics.json"))
            last = m["epochs"][-1]
            speed = last["images_per_s"]
            plain = plain or speed
            wall = open(f"{work}/{key}-{recipe}-{r}.wall").read().strip()
            print(f"| {recipe} | {label} | {r} | {speed:.0f} | {speed / plain:.2f} | {last['val_accuracy']:.4f} "
                  f"| {m['test']['accuracy']:.4f} | {wall} |")
PY
cat "$work/table.md"
if [[ -n "$out" ]]; then cp "$work/table.md" "$out"; fi

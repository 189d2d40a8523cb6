#!/usr/bin/env bash
# The fault run on the loopback cluster of scripts/spark-cluster.sh: trains RECIPE from EXPORT_DIR into RUN_DIR,
# kills the first worker's executor process with SIGKILL a few seconds into the second epoch, and checks that the job
# still finishes (exit code 0) with a best model that regzoo loads and evaluates.
#   scripts/spark-cluster.sh start
#   scripts/spark-fault-run.sh EXPORT_DIR RUN_DIR [RECIPE] [job options, e.g. --epochs 3]
#   scripts/spark-cluster.sh stop
# Settings (environment): SPARK_CLUSTER_PORT, SPARK_CLUSTER_DIR as for spark-cluster.sh; KILL_DELAY (5 s after the
# first epoch's line). The job's output goes to RUN_DIR.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if (($# < 2)); then
  echo "usage: scripts/spark-fault-run.sh EXPORT_DIR RUN_DIR [RECIPE] [job options] (see the script's header)" >&2
  exit 2
fi
export_dir="$1" run_dir="$2"
recipe="${3:-fashion-smallcnn}"
shift $(($# < 3 ? 2 : 3))
state="${SPARK_CLUSTER_DIR:-$root/spark/target/spark-cluster}"
master="spark://127.0.0.1:${SPARK_CLUSTER_PORT:-7077}"
worker="$(cat "$state/worker-1.pid" 2>/dev/null || true)"
if [[ -z "$worker" ]] || ! kill -0 "$worker" 2>/dev/null; then
  echo "spark-fault-run.sh: no cluster in $state; run scripts/spark-cluster.sh start first" >&2
  exit 2
fi
log="$run_dir.log"
start=$SECONDS
"$root/scripts/spark-train.sh" --master "$master" --driver-memory 2g --executor-memory 1g -- "$recipe" \
  --data "$export_dir" --out "$run_dir" --epochs 3 "$@" > "$log" 2>&1 &
job=$!
until grep -q '^epoch   1 ' "$log" 2>/dev/null; do
  kill -0 "$job" 2>/dev/null || { echo "the job ended before its first epoch:" >&2; tail -n 20 "$log" >&2; exit 1; }
  sleep 1
done
sleep "${KILL_DELAY:-5}"
# The worker starts each executor as its own child process.
executor="$(pgrep -P "$worker" -f CoarseGrainedExecutorBackend | head -n 1)"
if [[ -z "$executor" ]]; then
  echo "spark-fault-run.sh: worker-1 ($worker) has no executor process to kill" >&2
  kill "$job"
  exit 1
fi
kill -KILL "$executor"
echo "$((SECONDS - start)) s: killed executor $executor of worker-1 with SIGKILL"
code=0
wait "$job" || code=$?
echo "$((SECONDS - start)) s: the job ended with exit code $code"
grep -E '^(epoch|Stopped|Best epoch)' "$log" || true
grep -E 'Lost executor|ExecutorLostFailure' "$log" | cut -c 1-160 || true
# The master's side: the dead executor removed, a new one launched on the same worker.
grep -E 'Removing executor|Launching executor' "$state/master.log" | tail -n 2 | cut -c 1-160 || true
if [[ "$code" -ne 0 || ! -s "$run_dir/bestModel.zip" ]]; then
  echo "FAILED: exit code $code, best model: $(ls -l "$run_dir/bestModel.zip" 2>&1)" >&2
  exit 1
fi
"$root/regzoo" eval "$run_dir/bestModel.zip" 2>/dev/null | tail -n 3
echo "OK: the job survived the killed executor and left a loadable best model"

#!/usr/bin/env bash
# Submits regzoo's Spark job: scripts/spark-train.sh [spark-submit options --] RECIPE --data EXPORT_DIR --out RUN_DIR [...]
# e.g. scripts/spark-train.sh --master spark://host:7077 --executor-memory 8g -- fashion-smallcnn --data /shared/fx --out /shared/run
# Uses spark-submit (Spark 3.3.x, Scala 2.12) from SPARK_HOME or the PATH. Without either it runs the driver in this
# JVM on the Spark jars Maven resolved, for --master local[N] (the default local[*]) or a standalone master on this
# machine (scripts/spark-cluster.sh; the executors read regzoo's jars where Maven put them); then only --master,
# --driver-memory, --executor-memory and --total-executor-cores are understood before '--'. Builds the spark module
# on first use.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/spark/target"
if [[ ! -f "$target/classpath.txt" || ! -f "$target/provided-classpath.txt" ]]; then
  (cd "$root" && mvn -B -q -DskipTests -pl spark -am package) >&2
fi
submit_args=()
if [[ " $* " == *" -- "* ]]; then
  while [[ "$1" != "--" ]]; do submit_args+=("$1"); shift; done
  shift
fi
jar="$(ls "$target"/regzoo-spark-*.jar | grep -v -- '-tests.jar$' | head -n 1)"
# The driver's and executors' glibc and OpenBLAS settings, as ./regzoo's.
source "$root/scripts/native-env.sh"
source "$root/scripts/spark-driver-env.sh"

if [[ -z "${SPARK_HOME:-}" ]] && ! command -v spark-submit >/dev/null 2>&1; then
  # No Spark installation: the driver in this JVM, on Maven's Spark jars; local[N] executors share it, a standalone
  # cluster's executors (on this machine) get regzoo's jars and settings as Spark properties.
  job_args=()
  java_args=()
  set -- ${submit_args[@]+"${submit_args[@]}"} -- "$@"
  while [[ "$1" != "--" ]]; do
    case "$1" in
      --master) job_args+=(--master "$2"); master="$2"; shift 2 ;;
      --driver-memory) java_args+=("-Xmx$2"); shift 2 ;;
      --executor-memory) java_args+=("-Dspark.executor.memory=$2"); shift 2 ;;
      --total-executor-cores) java_args+=("-Dspark.cores.max=$2"); shift 2 ;;
      *) echo "spark-train.sh: without spark-submit (no SPARK_HOME, none on the PATH) only --master," \
           "--driver-memory, --executor-memory and --total-executor-cores are understood before '--', got $1" >&2
         exit 2 ;;
    esac
  done
  shift
  classpath="$jar:$(cat "$target/classpath.txt")"
  spark_driver_settings "$root" "${master:-local[*]}" "$classpath"
  # shellcheck disable=SC2086
  exec java $spark_java_opts ${java_args[@]+"${java_args[@]}"} ${spark_driver_args[@]+"${spark_driver_args[@]}"} -cp "$classpath:$(cat "$target/provided-classpath.txt")" \
    dev.regzoo.spark.SparkTrain ${job_args[@]+"${job_args[@]}"} "$@"
fi

submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
# Spark's own jars come first on the classpath, so DL4J's are passed as --jars (a comma list).
spark_driver_settings "$root" "" ""
exec "$submit" --class dev.regzoo.spark.SparkTrain \
  --driver-java-options "$spark_java_opts" --conf "spark.executor.extraJavaOptions=$spark_executor_opts" \
  --conf "spark.executorEnv.MALLOC_MMAP_THRESHOLD_=$MALLOC_MMAP_THRESHOLD_" \
  --conf "spark.executorEnv.MALLOC_TOP_PAD_=$MALLOC_TOP_PAD_" \
  --conf "spark.executorEnv.OPENBLAS_THREAD_TIMEOUT=$OPENBLAS_THREAD_TIMEOUT" \
  --jars "$(tr ':' ',' < "$target/classpath.txt")" ${submit_args[@]+"${submit_args[@]}"} "$jar" "$@"

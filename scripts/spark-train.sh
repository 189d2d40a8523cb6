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
# What Spark needs opened on Java 17 (the same list as the spark module's surefire argLine).
opens="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$root/spark/pom.xml")"
# ... and the JDK's Vector API for regzoo's BatchNorm passes (the parent pom's regzoo.vector.module).
opens="$opens $(sed -n 's:.*<regzoo.vector.module>\(.*\)</regzoo.vector.module>.*:\1:p' "$root/pom.xml")"
jar="$(ls "$target"/regzoo-spark-*.jar | grep -v -- '-tests.jar$' | head -n 1)"
# The driver's and executors' glibc and OpenBLAS settings, as ./regzoo's.
source "$root/scripts/native-env.sh"
# DL4J's oneDNN layer helpers on in executors too (the driver turns them on itself; see NativeHelpers).
helpers="-Dorg.eclipse.deeplearning4j.helpers.disable=false"

if [[ -z "${SPARK_HOME:-}" ]] && ! command -v spark-submit >/dev/null 2>&1; then
  # No Spark installation: the driver in this JVM, on Maven's Spark jars; local[N] executors share it, a standalone
  # cluster's executors (on this machine) get regzoo's jars and settings as Spark properties.
  job_args=()
  java_args=()
  set -- "${submit_args[@]}" -- "$@"
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
  if [[ "${master:-}" == spark://* ]]; then
    java_args+=("-Dspark.executor.extraClassPath=$classpath" "-Dspark.executor.extraJavaOptions=$opens $helpers"
      "-Dspark.executorEnv.MALLOC_MMAP_THRESHOLD_=$MALLOC_MMAP_THRESHOLD_"
      "-Dspark.executorEnv.MALLOC_TOP_PAD_=$MALLOC_TOP_PAD_"
      "-Dspark.executorEnv.OPENBLAS_THREAD_TIMEOUT=$OPENBLAS_THREAD_TIMEOUT")
    if [[ "$master" == spark://127.0.0.1:* || "$master" == spark://localhost:* ]]; then
      java_args+=(-Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1)
      export SPARK_LOCAL_IP=127.0.0.1
    fi
  fi
  # shellcheck disable=SC2086
  exec java $opens "${java_args[@]}" -cp "$classpath:$(cat "$target/provided-classpath.txt")" \
    dev.regzoo.spark.SparkTrain "${job_args[@]}" "$@"
fi

submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
# Spark's own jars come first on the classpath, so DL4J's are passed as --jars (a comma list).
exec "$submit" --class dev.regzoo.spark.SparkTrain \
  --driver-java-options "$opens" --conf "spark.executor.extraJavaOptions=$opens $helpers" \
  --conf "spark.executorEnv.MALLOC_MMAP_THRESHOLD_=$MALLOC_MMAP_THRESHOLD_" \
  --conf "spark.executorEnv.MALLOC_TOP_PAD_=$MALLOC_TOP_PAD_" \
  --conf "spark.executorEnv.OPENBLAS_THREAD_TIMEOUT=$OPENBLAS_THREAD_TIMEOUT" \
  --jars "$(tr ':' ',' < "$target/classpath.txt")" "${submit_args[@]}" "$jar" "$@"

#!/usr/bin/env bash
# A Spark standalone cluster on this machine's loopback interface, from the Spark jars Maven resolved (no Spark
# installation): a master and N workers, each its own JVM, for trying regzoo's Spark job on a real multi-process
# cluster (separate executor processes) before a real one.
#   scripts/spark-cluster.sh start    starts the master and the workers, waits until every worker has registered,
#                                     prints the master URL (spark://127.0.0.1:PORT)
#   scripts/spark-cluster.sh stop     stops the processes this script started (by their saved process ids)
#   scripts/spark-cluster.sh status   lists them
# Settings (environment): SPARK_CLUSTER_PORT (7077), SPARK_CLUSTER_UI_PORT (8080), SPARK_CLUSTER_WORKERS (2),
# SPARK_CLUSTER_WORKER_CORES (1), SPARK_CLUSTER_WORKER_MEMORY (2g), SPARK_CLUSTER_DIR (spark/target/spark-cluster:
# logs, process ids, the workers' work folders). Submit with scripts/spark-train.sh --master spark://127.0.0.1:PORT.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/spark/target"
port="${SPARK_CLUSTER_PORT:-7077}"
ui_port="${SPARK_CLUSTER_UI_PORT:-8080}"
workers="${SPARK_CLUSTER_WORKERS:-2}"
cores="${SPARK_CLUSTER_WORKER_CORES:-1}"
memory="${SPARK_CLUSTER_WORKER_MEMORY:-2g}"
state="${SPARK_CLUSTER_DIR:-$target/spark-cluster}"
master_url="spark://127.0.0.1:$port"

# A SPARK_HOME whose jars/ holds the jars Maven resolved for the spark module, Spark's (provided) and those of its
# runtime that DL4J brings at compile scope (Scala, Netty, ...): the daemons run on them, and a worker starts each
# executor with SPARK_HOME/jars/* on its classpath (Spark's WorkerCommandBuilder).
spark_home() {
  if [[ ! -f "$target/provided-classpath.txt" ]]; then
    (cd "$root" && mvn -B -q -DskipTests -pl spark -am package) >&2
  fi
  local home="$state/spark-home"
  rm -rf "$home/jars" && mkdir -p "$home/jars" "$home/conf"
  cat "$target/provided-classpath.txt" <(echo) "$target/classpath.txt" | tr ':' '\n' | while read -r jar; do
    [[ -z "$jar" ]] || ln -sf "$jar" "$home/jars/"
  done
  echo "$home"
}

start_daemon() { # NAME CLASS ARGS...: one JVM in the background, its id in $state/NAME.pid, its output in NAME.log
  local name="$1" class="$2"
  shift 2
  # shellcheck disable=SC2086
  nohup java -Xmx512m $opens -cp "$SPARK_HOME/jars/*" "$class" "$@" > "$state/$name.log" 2>&1 &
  echo $! > "$state/$name.pid"
}

wait_for() { # PATTERN COUNT FILE SECONDS PID: until FILE holds COUNT lines matching PATTERN, while PID lives
  local deadline=$((SECONDS + $4))
  until [[ "$(grep -c -- "$1" "$3" 2>/dev/null || true)" -ge "$2" ]]; do
    if ((SECONDS > deadline)) || ! kill -0 "$5" 2>/dev/null; then
      echo "spark-cluster.sh: stopped waiting for '$1' in $3 (after $4 s, or the process ended):" >&2
      tail -n 20 "$3" >&2
      return 1
    fi
    sleep 1
  done
}

case "${1:-}" in
  start)
    if [[ -f "$state/master.pid" ]] && kill -0 "$(cat "$state/master.pid")" 2>/dev/null; then
      echo "spark-cluster.sh: already running ($master_url); stop it first" >&2
      exit 2
    fi
    mkdir -p "$state"
    export SPARK_HOME; SPARK_HOME="$(spark_home)"
    export SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1
    opens="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$root/spark/pom.xml")"
    start_daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
      --webui-port "$ui_port"
    wait_for "Starting Spark master at" 1 "$state/master.log" 120 "$(cat "$state/master.pid")"
    for i in $(seq 1 "$workers"); do
      mkdir -p "$state/work-$i"
      start_daemon "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$cores" \
        --memory "$memory" --webui-port 0 --work-dir "$state/work-$i" "$master_url"
    done
    wait_for "Registering worker" "$workers" "$state/master.log" 180 "$(cat "$state/master.pid")"
    echo "$master_url"
    ;;
  stop)
    for pidfile in "$state"/worker-*.pid "$state/master.pid"; do
      [[ -f "$pidfile" ]] || continue
      pid="$(cat "$pidfile")"
      # A worker's executors are its child processes: they end with it, given a moment.
      kill "$pid" 2>/dev/null && echo "stopped $(basename "$pidfile" .pid) ($pid)"
      rm -f "$pidfile"
    done
    ;;
  status)
    for pidfile in "$state"/master.pid "$state"/worker-*.pid; do
      [[ -f "$pidfile" ]] || continue
      pid="$(cat "$pidfile")"
      if kill -0 "$pid" 2>/dev/null; then state_word=running; else state_word=gone; fi
      echo "$(basename "$pidfile" .pid) $pid $state_word"
    done
    ;;
  *)
    echo "usage: scripts/spark-cluster.sh start|stop|status (see the script's header)" >&2
    exit 2
    ;;
esac

# The JVM settings of a Spark driver started without spark-submit, on the Spark jars Maven resolved: sourced by
# scripts/spark-train.sh and by ./regzoo for 'regzoo tune --spark'. Call spark_driver_settings ROOT MASTER CLASSPATH;
# it sets spark_java_opts (what Spark needs opened on Java 17, and the Vector API for regzoo's BatchNorm passes),
# spark_executor_opts (those and DL4J's oneDNN layer helpers, which the driver turns on itself: see NativeHelpers) and
# spark_driver_args (-D settings: for a standalone master on this machine, scripts/spark-cluster.sh, the executors
# get CLASSPATH, regzoo's JVM options and its native settings; local[N] executors share the driver's JVM).
spark_driver_settings() {
  local root="$1" master="$2" classpath="$3"
  # The same list as the spark module's surefire argLine, and the parent pom's regzoo.vector.module.
  spark_java_opts="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$root/spark/pom.xml")"
  spark_java_opts="$spark_java_opts $(sed -n 's:.*<regzoo.vector.module>\(.*\)</regzoo.vector.module>.*:\1:p' "$root/pom.xml")"
  spark_executor_opts="$spark_java_opts -Dorg.eclipse.deeplearning4j.helpers.disable=false"
  spark_driver_args=()
  if [[ "$master" == spark://* ]]; then
    spark_driver_args+=("-Dspark.executor.extraClassPath=$classpath"
      "-Dspark.executor.extraJavaOptions=$spark_executor_opts"
      "-Dspark.executorEnv.MALLOC_MMAP_THRESHOLD_=$MALLOC_MMAP_THRESHOLD_"
      "-Dspark.executorEnv.MALLOC_TOP_PAD_=$MALLOC_TOP_PAD_"
      "-Dspark.executorEnv.OPENBLAS_THREAD_TIMEOUT=$OPENBLAS_THREAD_TIMEOUT")
    if [[ "$master" == spark://127.0.0.1:* || "$master" == spark://localhost:* ]]; then
      spark_driver_args+=(-Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1)
      export SPARK_LOCAL_IP=127.0.0.1
    fi
  fi
}

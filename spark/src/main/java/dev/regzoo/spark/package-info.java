/**
 * Spark: the training job, a recipe trained on DL4J's Spark training masters from an exported dataset, with the run
 * folder, early stopping and statistics of local training ({@code scripts/spark-train.sh}); and the trials of
 * {@code regzoo tune --spark MASTER} as Spark tasks ({@link dev.regzoo.spark.SparkTrials}). Folders may be Hadoop URIs.
 */
package dev.regzoo.spark;

/**
 * The Spark job: a recipe trained on DL4J's Spark training masters from an exported dataset, with the run folder,
 * early stopping and statistics of local training ({@code scripts/spark-train.sh}).
 */
package dev.regzoo.spark;

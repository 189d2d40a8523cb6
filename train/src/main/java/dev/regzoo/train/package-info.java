/**
 * The training engine: DL4J's early-stopping trainers (single thread or ParallelWrapper) with the best model kept, the
 * recipe's schedule and ReduceLROnPlateau, NaN detection, resume after an interruption, statistics for DL4J's training
 * UI, and the run folder ({@code recipe.json}, {@code metrics.json}, {@code report.md}, {@code curves.png}, models).
 * {@link dev.regzoo.train.TrainingUi} serves the training UI (DL4J's server, on loopback unless told otherwise, with
 * regzoo's pages of package {@code dev.regzoo.train.ui} in it) for runs training live and run folders.
 * {@link dev.regzoo.train.Trainer} trains on a recipe's dataset by name (the command line);
 * {@link dev.regzoo.train.Training} is the Java API that trains on a user's own iterators and, optionally, network;
 * {@link dev.regzoo.train.EarlyStopping} configures the early stopping of every trainer, the Spark job's included.
 */
package dev.regzoo.train;

/**
 * The training engine: DL4J's early-stopping trainers (single thread or ParallelWrapper) with the best model kept, the
 * recipe's schedule and ReduceLROnPlateau, NaN detection, resume after an interruption, statistics for DL4J's training
 * UI, and the run folder ({@code recipe.json}, {@code metrics.json}, {@code report.md}, {@code curves.png}, models).
 */
package dev.regzoo.train;

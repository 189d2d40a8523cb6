/**
 * The command-line options, each declared once and shared by {@code regzoo train}, {@code ablate}, {@code eval},
 * {@code data} and the Spark job: picocli option groups shown under the headings Data, Model, Regularization, Soft
 * labels and EMA, Optimizer, Schedule, Stopping and Run. Each group sets the values given on the command line on a
 * recipe ({@link dev.regzoo.cli.options.RecipeOverrides}); values not given keep the recipe's.
 */
package dev.regzoo.cli.options;

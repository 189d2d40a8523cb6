/**
 * Ablation studies: a recipe trained once as is and once with each regularizer switched off (over several seeds),
 * compared in a table, a chart and a JSON file.
 */
package dev.regzoo.train.ablate;

/**
 * Regularization studies over several seeds, compared in a table, a chart and a JSON file: add-one (every regularizer
 * off, then each one alone, then all) and leave-one-out (the recipe as it is, then without each regularizer it uses).
 */
package dev.regzoo.train.ablate;

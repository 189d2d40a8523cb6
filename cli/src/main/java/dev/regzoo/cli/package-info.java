/**
 * The {@code regzoo} command line ({@link dev.regzoo.cli.RegzooCli}): list, train, eval, predict, summary, data,
 * ablate, bench and ui. Bad input prints one line and exits with 2; other failures exit with 1.
 */
package dev.regzoo.cli;

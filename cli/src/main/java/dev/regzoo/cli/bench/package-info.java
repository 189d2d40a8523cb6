/**
 * Throughput benchmark of the zoo's models ({@code regzoo bench}): training and inference images per second, per-
 * iteration latency, start-up time and memory peaks, one JSON line per model in the shape of the PyTorch peer
 * benchmark's output so that the two can be compared side by side.
 */
package dev.regzoo.cli.bench;

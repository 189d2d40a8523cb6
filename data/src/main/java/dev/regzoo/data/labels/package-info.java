/**
 * Soft training labels: label smoothing, mixup and CutMix, described by one
 * {@link dev.regzoo.data.labels.SoftLabelSpec} and applied to the training batches only
 * ({@link dev.regzoo.data.labels.SoftLabelIterator}), with per-(seed, epoch, batch) randomness. The targets they make
 * are probability vectors, which DL4J's {@code LossMCXENT} takes as they are; validation and test batches keep their
 * one-hot labels.
 */
package dev.regzoo.data.labels;

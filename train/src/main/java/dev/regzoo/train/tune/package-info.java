/**
 * Hyperparameter search over any recipe field ({@code regzoo tune}): a {@link dev.regzoo.train.tune.SearchSpace} of
 * recipe-file fields and distributions, random or grid {@link dev.regzoo.train.tune.Sampler}s, successive halving
 * (ASHA) as {@link dev.regzoo.train.tune.Scheduler}, and {@link dev.regzoo.train.tune.Tuning}, which trains the
 * trials with regzoo's engine into one resumable study folder with a report, charts and the best recipe, in this JVM
 * or on a {@link dev.regzoo.train.tune.TrialCluster} (regzoo-spark's Spark tasks).
 */
package dev.regzoo.train.tune;

/**
 * regzoo's pages in DL4J's training UI ({@code /regzoo}): the runs page (every run shown, with its recipe, status,
 * best epoch and final numbers), a run's page (per-epoch losses, validation accuracy, the train–validation gap,
 * learning rate and throughput, live while it trains) and the comparison of runs.
 * {@link dev.regzoo.train.ui.RegzooModule} is a DL4J {@code UIModule}, found by DL4J's server through
 * {@code ServiceLoader}
 * ({@code META-INF/services/org.deeplearning4j.ui.api.UIModule}) as Arbiter's module was.
 *
 * <p>It depends on {@code dev.regzoo.train} and not the other way round: the engine writes run folders and tells
 * {@link dev.regzoo.train.TrainingUi} which run trains live; this package only reads them ({@link
 * dev.regzoo.train.RunMetrics}, {@code recipe.json}) and what {@link dev.regzoo.train.UiRuns} lists, so the trainer
 * never needs the pages and the pages could move to a module of their own.
 */
package dev.regzoo.train.ui;

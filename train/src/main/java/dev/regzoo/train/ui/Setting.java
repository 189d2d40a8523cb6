package dev.regzoo.train.ui;

/**
 * One regularization setting of a run's recipe, shown at a glance, e.g. {@code l2 = 5.0E-4}.
 *
 * @param name  the recipe file's field, prefixed with its section where that says more ({@code augmentation.hflip})
 * @param value the value as the recipe file holds it
 */
record Setting(String name, String value) {
}

/**
 * Datasets, augmentation and the input pipeline of regzoo (Fashion-MNIST and image folders, DataVec transforms,
 * prefetching iterators). The module is in the build so that recipes can depend on it; its contents arrive with the
 * data issue.
 */
package dev.regzoo.data;

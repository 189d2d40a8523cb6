/**
 * Datasets and the input pipeline: Fashion-MNIST and MNIST in IDX files (Debian's packages, else the embedded sample),
 * folders of images by class, stratified splits, standardization, and prefetching minibatch iterators with
 * augmentation ({@link dev.regzoo.data.augment}). Depends on DataVec and OpenCV, not on the kernels' natives.
 */
package dev.regzoo.data;

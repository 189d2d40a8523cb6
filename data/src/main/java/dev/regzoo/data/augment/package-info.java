/**
 * Training-time augmentation as DataVec/OpenCV image transforms (flips, translation, rotation and scale,
 * brightness and contrast, random erasing) and the automatic policies RandAugment and TrivialAugment (wide) over
 * torchvision's 14 operations, described by one {@link dev.regzoo.data.augment.AugmentationSpec} and applied with
 * per-(seed, epoch, image) randomness.
 */
package dev.regzoo.data.augment;

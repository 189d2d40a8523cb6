/**
 * regzoo's DL4J extensions that are saved in model files: layers (convolution that keeps its output for the backward
 * pass, ReLU, matmul dense), the residual-sum vertex and its drop-path variant, DropBlock (a DL4J {@code IDropout}),
 * layout pre-processors, the warm-up + cosine learning-rate schedule, and the BatchNorm JSON naming. Their class
 * names are part of the saved-model format: move or rename one only with a mapping in
 * {@code dev.regzoo.zoo.LegacyClassNames} and a test on a model saved before the change.
 */
package dev.regzoo.zoo.layers;

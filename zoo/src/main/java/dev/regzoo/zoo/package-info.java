/**
 * The model zoo: image classifiers built by name or builder ({@link dev.regzoo.zoo.SmallCnn}, the ResNet family
 * {@link dev.regzoo.zoo.ResNet} whose members are rows of data ({@link dev.regzoo.zoo.ResNetSpec},
 * {@link dev.regzoo.zoo.ResNetFamily}: ResNet-18/34/50, ResNet-D, pre-activation, Wide ResNets),
 * {@link dev.regzoo.zoo.ModelRegistry}), each with Keras-style options (input
 * shape, classes, width, pooling, include top) and the regularization of {@link dev.regzoo.zoo.RegularizationSpec};
 * shipped weights ({@link dev.regzoo.zoo.PretrainedWeights}); model summaries; and the reading of saved model files
 * ({@link dev.regzoo.zoo.ModelFiles}), including those written by 0.1.0, before the module split.
 *
 * <pre>{@code
 * ComputationGraph net = ResNet18.builder().inputShape(1, 28, 28).classes(10).width(16).build().init();
 * }</pre>
 */
package dev.regzoo.zoo;

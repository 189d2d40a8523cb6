/**
 * CPU kernels for DL4J's layers: oneDNN 2.5 convolution and BatchNorm passes (through JavaCPP's presets), BatchNorm
 * passes vectorized with the JDK's Vector API, and the DL4J layer helpers that hand a layer's work to them. One public
 * entry: {@link dev.regzoo.cpu.NativeHelpers} ({@code enable()} before networks are created, {@code attach(net)} on a
 * created or loaded network). Nothing here is saved with a model; every fast path falls back to DL4J's own passes
 * where its natives or the Vector API are missing.
 */
package dev.regzoo.cpu;

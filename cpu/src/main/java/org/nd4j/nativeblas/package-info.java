/**
 * A shim for DL4J 1.0.0-M2.1's oneDNN check, which looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a class
 * that moved in M2.x: with it on the classpath DL4J's own oneDNN layer helpers can be switched on
 * ({@link dev.regzoo.cpu.NativeHelpers}).
 */
package org.nd4j.nativeblas;

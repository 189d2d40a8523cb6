/**
 * A project that uses regzoo as a dependency, as a user's would: {@link com.example.consumer.ConsumerExample} builds
 * and trains a zoo model with the zoo alone; the test sources show the Java training API ({@code TrainingExample}).
 */
package com.example.consumer;

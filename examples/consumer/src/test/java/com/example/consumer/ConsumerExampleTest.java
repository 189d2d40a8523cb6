package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.cpu.NativeHelpers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

class ConsumerExampleTest {

    @Test
    void trainsOneStepOnRandomData() {
        ComputationGraph net = ConsumerExample.trainOneStep();
        assertEquals(703_578L, net.numParams());
        assertEquals(1, net.getIterationCount(), "one update applied");
        assertTrue(Double.isFinite(net.score()) && net.score() > 0, "loss " + net.score());
        assertTrue(NativeHelpers.oneDnnActive(), "the dependency alone brings the fast oneDNN layer helpers");
    }
}

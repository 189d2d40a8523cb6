package dev.regzoo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {

    private static final int[] LABELS = IntStream.range(0, 1000).map(i -> i < 700 ? 0 : i < 900 ? 1 : 2).toArray();

    @Test
    void everyClassGivesTheSameFractionAndNothingIsLost() {
        Split split = Split.stratified(LABELS, 0.1, 1);
        assertEquals(70, count(split.validation(), 0));
        assertEquals(20, count(split.validation(), 1));
        assertEquals(10, count(split.validation(), 2));
        int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.validation())).sorted()
                .toArray();
        assertArrayEquals(IntStream.range(0, 1000).toArray(), all, "disjoint and complete");
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertArrayEquals(Split.stratified(LABELS, 0.2, 7).validation(), Split.stratified(LABELS, 0.2, 7).validation());
        assertFalse(Arrays.equals(Split.stratified(LABELS, 0.2, 7).validation(),
                Split.stratified(LABELS, 0.2, 8).validation()));
    }

    @Test
    void fractionOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Split.stratified(LABELS, 1.0, 1));
    }

    private static long count(int[] indices, int label) {
        return Arrays.stream(indices).filter(i -> LABELS[i] == label).count();
    }
}

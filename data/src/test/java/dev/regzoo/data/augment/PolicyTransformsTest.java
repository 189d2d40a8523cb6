package dev.regzoo.data.augment;

import static dev.regzoo.data.augment.Images.pixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.regzoo.data.augment.PolicyOp.Ranges;
import dev.regzoo.data.augment.PolicyOp.Step;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class PolicyTransformsTest {

    private static final Mat IMAGE = Images.random(16, 16, 3, 0, 255, 1);

    @Test
    void randAugmentAppliesItsNStepsInOrderAtMagnitudeM() {
        for (int n : new int[] {1, 2, 5}) {
            RandAugmentTransform transform = new RandAugmentTransform(new AugmentPolicy.RandAugment(n, 13));
            List<Step> steps = transform.steps(IMAGE, new Random(7));
            assertEquals(n, steps.size());
            for (Step step : steps) {
                assertEquals(step.op().magnitude(Ranges.STANDARD, 13, IMAGE), Math.abs(step.magnitude()), 1e-12);
            }
            Mat expected = IMAGE;
            for (Step step : steps) {
                expected = step.apply(expected);
            }
            assertArrayEquals(pixels(expected), pixels(transform.apply(IMAGE, new Random(7))),
                    "the same random draws give the same steps, all " + n + " applied one after the other");
        }
    }

    @Test
    void randAugmentDrawsEveryOpUniformlyWithRepeats() {
        RandAugmentTransform transform = new RandAugmentTransform(new AugmentPolicy.RandAugment(2, 9));
        Map<PolicyOp, Integer> counts = new EnumMap<>(PolicyOp.class);
        Random random = new Random(8);
        boolean repeated = false;
        for (int i = 0; i < 2100; i++) {
            List<Step> steps = transform.steps(IMAGE, random);
            repeated |= steps.get(0).op() == steps.get(1).op();
            steps.forEach(s -> counts.merge(s.op(), 1, Integer::sum));
        }
        assertTrue(repeated, "operations are drawn with replacement, as in torchvision");
        // 4200 draws over 14 ops: 300 expected each, standard deviation about 17
        counts.forEach((op, count) -> assertTrue(count > 230 && count < 370, op + " drawn " + count + " times"));
        assertEquals(PolicyOp.values().length, counts.size());
    }

    @Test
    void trivialAugmentDrawsOneOpAtAUniformBinOfTheWideRanges() {
        TrivialAugmentTransform transform = new TrivialAugmentTransform();
        Map<PolicyOp, Set<Double>> magnitudes = new EnumMap<>(PolicyOp.class);
        Random random = new Random(9);
        for (int i = 0; i < 5000; i++) {
            Step step = transform.step(IMAGE, random);
            magnitudes.computeIfAbsent(step.op(), op -> new HashSet<>()).add(Math.abs(step.magnitude()));
        }
        assertEquals(PolicyOp.values().length, magnitudes.size(), "every op is drawn");
        assertEquals(PolicyOp.BINS, magnitudes.get(PolicyOp.ROTATE).size(), "every bin is drawn");
        assertEquals(135, magnitudes.get(PolicyOp.ROTATE).stream().mapToDouble(d -> d).max().orElseThrow(), 1e-12);
        assertEquals(32, magnitudes.get(PolicyOp.TRANSLATE_Y).stream().mapToDouble(d -> d).max().orElseThrow(),
                1e-12);
        assertEquals(Set.of(0.0), magnitudes.get(PolicyOp.IDENTITY));

        Step step = transform.step(IMAGE, new Random(10));
        assertArrayEquals(pixels(step.apply(IMAGE)), pixels(transform.apply(IMAGE, new Random(10))),
                "apply is the one step drawn");
    }

    @Test
    void policiesRepeatUnderTheSameRandomAndVary() {
        for (MatTransform transform : new MatTransform[] {
            new RandAugmentTransform(new AugmentPolicy.RandAugment(2, 9)), new TrivialAugmentTransform()}) {
            assertArrayEquals(pixels(transform.apply(IMAGE, new Random(11))),
                    pixels(transform.apply(IMAGE, new Random(11))));
            Set<String> outputs = new HashSet<>();
            for (int seed = 0; seed < 20; seed++) {
                outputs.add(Arrays.toString(pixels(transform.apply(IMAGE, new Random(seed)))));
            }
            assertTrue(outputs.size() > 10, transform.getClass().getSimpleName() + ": " + outputs.size()
                    + " different images from 20 seeds");
        }
    }
}

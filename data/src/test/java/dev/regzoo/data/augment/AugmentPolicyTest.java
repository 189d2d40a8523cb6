package dev.regzoo.data.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AugmentPolicyTest {

    @Test
    void policiesParseFromTheirNamesAndPrintTheSame() {
        assertEquals(AugmentPolicy.randAugment(2, 9), AugmentPolicy.parse("randaugment"));
        assertEquals(AugmentPolicy.randAugment(3, 30), AugmentPolicy.parse(" RandAugment=3:30 "));
        assertEquals(AugmentPolicy.randAugment(1, 0), AugmentPolicy.parse("randaugment=1:0"));
        assertEquals(AugmentPolicy.trivialAugment(), AugmentPolicy.parse("trivialaugment"));
        assertEquals(AugmentPolicy.NONE, AugmentPolicy.parse("none"));
        for (AugmentPolicy policy : new AugmentPolicy[] {
            AugmentPolicy.NONE, AugmentPolicy.randAugment(4, 17), AugmentPolicy.trivialAugment()}) {
            assertEquals(policy, AugmentPolicy.parse(policy.toString()));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "randaugment=0:9 | augmentation randaugment N (operations per image) must be at least 1, got 0",
        "randaugment=2:31 | augmentation randaugment M (magnitude) must be a whole number in [0, 30], got 31",
        "randaugment=2:-1 | augmentation randaugment M (magnitude) must be a whole number in [0, 30], got -1",
        "randaugment=2:9.5 | augmentation policy 'randaugment=2:9.5' is not understood: use none, trivialaugment, "
            + "randaugment (= randaugment=2:9) or randaugment=N:M with whole numbers N >= 1 and M in [0, 30]",
        "randaugment=2 | augmentation policy 'randaugment=2' is not understood: use none",
        "trivialaugment=3 | augmentation policy 'trivialaugment=3' is not understood: use none",
        "standard,randaugment,trivialaugment | augmentation takes one policy, got randaugment=2:9 and trivialaugment",
        "hflip=0.5,autoaugment | augmentation 'autoaugment' is not understood: use none, standard, randaugment=N:M, "
            + "trivialaugment or key=value with keys"})
    void badPoliciesAreRejectedInOneLineSayingWhatIsAllowed(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AugmentationSpec.parse(spec));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aSpecTakesItsPolicyAfterItsTransforms() {
        AugmentationSpec spec = AugmentationSpec.parse("standard,randaugment=2:9");
        assertEquals(AugmentationSpec.STANDARD.withPolicy(AugmentPolicy.randAugment(2, 9)), spec);
        assertEquals("hflip=0.5,translate=2,randaugment=2:9", spec.toString());
        assertEquals(spec, AugmentationSpec.parse(spec.toString()));
        AugmentationSpec trivial = AugmentationSpec.parse("trivialaugment");
        assertEquals(AugmentationSpec.NONE.withPolicy(AugmentPolicy.trivialAugment()), trivial);
        assertEquals("trivialaugment", trivial.toString());
        assertTrue(!trivial.isNone() && AugmentationSpec.parse("none").isNone());
        assertEquals(AugmentPolicy.NONE, AugmentationSpec.STANDARD.policy());
    }
}

package dev.regzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each bad value fails fast with a message naming the option, the value and the valid range. */
class BadInputTest {

    private static void assertRejected(Executable call, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "message '" + e.getMessage() + "' should mention '" + m + "'");
        }
    }

    @Test
    void fewerThanTwoClasses() {
        assertRejected(() -> SmallCnn.builder().inputShape(1, 28, 28).classes(1).build(), "classes", "1", "at least 2");
    }

    @Test
    void missingClassesWithTop() {
        assertRejected(() -> ResNet18.builder().inputShape(1, 28, 28).build(), "classes", "0", "at least 2");
    }

    @Test
    void inputTooSmallForTheDownsampling() {
        assertRejected(() -> SmallCnn.builder().inputShape(1, 3, 28).classes(10).build(),
                "input shape", "1x3x28", "at least 4");
        assertRejected(() -> ResNet18.builder().inputShape(1, 6, 6).classes(10).build(),
                "input shape", "1x6x6", "at least 8");
    }

    @Test
    void nonPositiveShape() {
        assertRejected(() -> new Shape(0, 28, 28), "input channels", "0", "at least 1");
        assertRejected(() -> Shape.parse("1,28"), "input shape", "C,H,W", "'1,28'");
    }

    @Test
    void dropoutOutsideUnitInterval() {
        assertRejected(() -> RegularizationSpec.builder().dropout(1.0).build(), "dropout", "1.0", "[0, 1)");
        assertRejected(() -> RegularizationSpec.builder().dropout(-0.1).build(), "dropout", "-0.1", "[0, 1)");
        assertRejected(() -> RegularizationSpec.builder().spatialDropout(1.5).build(),
                "spatial dropout", "1.5", "[0, 1)");
    }

    @Test
    void dropBlockDropPathAndClippingOutOfRange() {
        assertRejected(() -> RegularizationSpec.builder().dropBlock(1.0).build(), "drop block", "1.0", "[0, 1)");
        assertRejected(() -> RegularizationSpec.builder().dropBlockSize(0).build(), "drop block size", "0",
                "at least 1");
        assertRejected(() -> RegularizationSpec.builder().dropPath(-0.1).build(), "drop path", "-0.1", "[0, 1)");
        assertRejected(() -> RegularizationSpec.builder().gradientClipNorm(-1).build(), "gradient clip norm", "-1.0",
                ">= 0");
        assertRejected(() -> RegularizationSpec.builder().dropBlock(0.1).spatialDropout(0.1).build(),
                "drop block 0.1", "spatial dropout 0.1", "set one of them to 0");
    }

    @Test
    void dropPathOnAModelWithoutResidualBranches() {
        assertRejected(() -> SmallCnn.builder().inputShape(1, 28, 28).classes(10)
                        .regularization(RegularizationSpec.builder().dropPath(0.1).build()).build(),
                "drop path 0.1", "smallcnn has none", "allowed for it: 0");
    }

    @Test
    void dropBlockLargerThanTheMapsItDrops() {
        assertRejected(() -> SmallCnn.builder().inputShape(1, 8, 8).classes(10)
                        .regularization(RegularizationSpec.builder().dropBlock(0.1).dropBlockSize(5).build()).build(),
                "drop block size 5", "4x4 feature maps of smallcnn's second block", "input 1x8x8", "allowed: 1 to 4");
        assertRejected(() -> ResNet18.builder().inputShape(1, 28, 28).classes(10)
                        .regularization(RegularizationSpec.builder().dropBlock(0.1).dropBlockSize(9).build()).build(),
                "drop block size 9", "7x7, 4x4 feature maps of resnet18's last two stages", "allowed: 1 to 7");
    }

    @Test
    void negativePenalties() {
        assertRejected(() -> RegularizationSpec.builder().l1(-1e-4).build(), "l1", "-1.0E-4", ">= 0");
        assertRejected(() -> RegularizationSpec.builder().l2(-1).build(), "l2", "-1.0", ">= 0");
        assertRejected(() -> RegularizationSpec.builder().weightDecay(Double.NaN).build(), "weight decay", "NaN",
                ">= 0");
    }

    @Test
    void batchNormSettingsOutOfRange() {
        assertRejected(() -> RegularizationSpec.builder().batchNormDecay(1).build(), "batch norm decay", "(0, 1)");
        assertRejected(() -> RegularizationSpec.builder().batchNormEpsilon(0).build(), "batch norm epsilon", "> 0");
    }

    @Test
    void widthBelowOne() {
        assertRejected(() -> ResNet18.builder().inputShape(1, 28, 28).classes(10).width(0).build(),
                "width", "0", "at least 1");
    }

    @Test
    void unsupportedDepth() {
        assertRejected(() -> ResNet.builder().depth(20), "depth", "20", "[18, 34, 50, 101, 152]");
        assertRejected(() -> ResNetSpec.builder().wide(20, 4), "WRN depth", "20", "6N+4");
        assertRejected(() -> ResNetSpec.builder().wide(16, 0), "widen factor", "0", "at least 1");
        assertRejected(() -> ResNetSpec.builder().stageDepths(List.of(2, 0)).build(), "stage depths", "[2, 0]",
                "at least 1");
    }

    @Test
    void unknownFamilyMember() {
        assertRejected(() -> ResNetFamily.spec("wrn99"), "member", "wrn99", "wrn16_4", "resnet50d");
        assertRejected(() -> ModelRegistry.builder("resnet99"), "model", "resnet99", "preact_resnet18", "wrn28_10");
    }

    @Test
    void widthThatRoundsAChannelCountToZero() {
        assertRejected(() -> ModelRegistry.create("wrn16_4", b -> b.inputShape(1, 28, 28).classes(10).width(1)),
                "width", "wrn16_4", "at least 2", "got 1");
    }

    @Test
    void inputTooSmallForAWideResNetsDownsampling() {
        assertRejected(() -> ModelRegistry.create("wrn28_10", b -> b.inputShape(3, 3, 32).classes(10)),
                "input shape", "3x3x32", "wrn28_10", "at least 4");
    }

    @Test
    void unknownModelName() {
        assertRejected(() -> ModelRegistry.builder("vgg16"), "model", "vgg16", "smallcnn", "resnet18");
    }
}

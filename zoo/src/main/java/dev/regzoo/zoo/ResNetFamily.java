package dev.regzoo.zoo;

import dev.regzoo.zoo.ResNetSpec.Shortcut;
import dev.regzoo.zoo.ResNetSpec.Stem;
import java.util.List;
import java.util.Optional;

/**
 * The registered members of the {@link ResNet} family: one row of data each, in the order {@code regzoo list} shows
 * them. {@link ModelRegistry} registers every row under its name.
 *
 * <pre>{@code
 * ComputationGraph wrn = ResNet.builder(ResNetFamily.spec("wrn16_4")).inputShape(3, 32, 32).classes(10).build().init();
 * }</pre>
 */
public final class ResNetFamily {

    /**
     * A registered member.
     *
     * @param name      the registry name
     * @param title     the architecture and where it comes from, e.g. "ResNet-50 v1.5 (torchvision)"
     * @param spec      its layout
     */
    public record Member(String name, String title, ResNetSpec spec) {

        /** The line {@code regzoo list} shows: the title and the spec. */
        public String description() {
            return title + ": " + spec.describe();
        }
    }

    private static final ResNetSpec RESNET_D = ResNetSpec.builder().stem(Stem.DEEP).shortcut(Shortcut.AVG_POOL)
            .build();

    private static final List<Member> MEMBERS = List.of(
            new Member(ResNet18.NAME, "ResNet-18 (He et al. 2016; torchvision)",
                    ResNetSpec.builder().depth(18).build()),
            new Member("resnet34", "ResNet-34 (He et al. 2016; torchvision)", ResNetSpec.builder().depth(34).build()),
            new Member("resnet50", "ResNet-50 v1.5 (torchvision: stride on the 3x3)",
                    ResNetSpec.builder().depth(50).build()),
            new Member("resnet18d", "ResNet-18-D (He et al. 2019, Bag of Tricks; timm)",
                    RESNET_D.toBuilder().depth(18).build()),
            new Member("resnet50d", "ResNet-50-D (He et al. 2019, Bag of Tricks; timm)",
                    RESNET_D.toBuilder().depth(50).build()),
            new Member("preact_resnet18", "Pre-activation ResNet-18 with its final BN (He et al. 2016, Identity "
                    + "Mappings)", ResNetSpec.builder().depth(18).preActivation(true).build()),
            new Member("wrn16_2", "WRN-16-2 (Zagoruyko & Komodakis 2016), narrow: trains on 2 CPU cores",
                    ResNetSpec.builder().wide(16, 2).build()),
            new Member("wrn16_4", "WRN-16-4 (Zagoruyko & Komodakis 2016)", ResNetSpec.builder().wide(16, 4).build()),
            new Member("wrn28_10", "WRN-28-10 (Zagoruyko & Komodakis 2016)", ResNetSpec.builder().wide(28, 10).build()),
            new Member("wrn40_4", "WRN-40-4 (Zagoruyko & Komodakis 2016)", ResNetSpec.builder().wide(40, 4).build()));

    private ResNetFamily() {
    }

    /** All members, in registration order. */
    public static List<Member> members() {
        return MEMBERS;
    }

    /**
     * The spec of the named member.
     *
     * @throws IllegalArgumentException for a name that is not a member, listing the members
     */
    public static ResNetSpec spec(String name) {
        return MEMBERS.stream().filter(m -> m.name().equals(name)).findFirst().map(Member::spec)
                .orElseThrow(() -> new IllegalArgumentException("ResNet family member must be one of "
                        + MEMBERS.stream().map(Member::name).toList() + ", got '" + name + "'"));
    }

    /** The name of the member with this spec, if one has it. */
    static Optional<String> nameOf(ResNetSpec spec) {
        return MEMBERS.stream().filter(m -> m.spec().equals(spec)).map(Member::name).findFirst();
    }
}

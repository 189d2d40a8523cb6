package dev.regzoo.cli.options;

import static dev.regzoo.cli.options.RecipeOverrides.ifGiven;

import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.Transfer;
import dev.regzoo.zoo.TrainedModel;
import dev.regzoo.zoo.WeightInits;
import org.deeplearning4j.nn.weights.WeightInit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The Model group: the zoo model's width and layout, or a trained network to fine-tune. */
public class ModelOptions implements RecipeOverrides {

    @Option(names = "--width", description = "Model width (channels of the first stage).")
    private Integer width;
    @Option(names = "--channels-last", negatable = true, description = "Build the model channels-last (NHWC layers) "
            + "or, with --no-channels-last, channels-first: same input and function, different speed (default: the "
            + "model's own: channels-last, channels-first with spatial dropout; see docs/benchmarks.md). Not with "
            + "--from or spatial dropout.")
    private Boolean channelsLast;
    @Option(names = "--weight-init", paramLabel = "NAME", converter = WeightInitConverter.class,
            description = "DL4J weight initialisation of every weight layer, e.g. UNIFORM (PyTorch's default, "
                    + "U(+-1/sqrt(fan_in))), RELU (He normal), XAVIER. Default: the zoo's scheme, RELU for "
                    + "convolutions and UNIFORM for dense layers.")
    private WeightInit weightInit;
    @Option(names = "--from", paramLabel = "MODEL", description = "Fine-tune a trained network instead of starting "
            + "from random weights: pretrained:NAME (shipped, see MODEL_CARD.md) or a model file. Its classifier is "
            + "replaced for the data's classes; input shape defaults to the model's.")
    private String from;
    @Option(names = "--freeze", paramLabel = "LAYER", description = "With --from: keep the layers up to and including "
            + "LAYER fixed (e.g. block2_pool for smallcnn); the rest trains.")
    private String freeze;

    /** Sets the width and layout; {@code --from} also sets the input shape to the model's (a later --input wins). */
    @Override
    public void applyTo(Recipe base, Recipe.Builder recipe) {
        if (freeze != null && from == null) {
            throw new IllegalArgumentException("--freeze needs --from: only a trained network has layers worth "
                    + "keeping fixed");
        }
        if (from != null) {
            recipe.transfer(new Transfer(from, freeze));
            recipe.input(TrainedModel.manifestOf(from).shape());
        }
        ifGiven(width, recipe::width);
        ifGiven(channelsLast, recipe::channelsLast);
        ifGiven(weightInit, recipe::weightInit);
    }

    /** Reads {@code --weight-init} by {@link WeightInits#parse}, whose message lists the names allowed. */
    static final class WeightInitConverter implements ITypeConverter<WeightInit> {
        @Override
        public WeightInit convert(String value) {
            return WeightInits.parse(value);
        }
    }
}

package dev.regzoo.cli;

import dev.regzoo.zoo.ModelRegistry;
import dev.regzoo.zoo.Shape;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo summary MODEL}: a Keras-style table of layers, output shapes and parameters. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print a model's layers, output shapes and parameter counts; the last line is "
                + "'Total params: N' (DL4J's count, which includes BatchNorm running mean and variance).")
final class SummaryCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model name (see 'regzoo list').")
    private String model;

    @Option(names = "--input", paramLabel = "C,H,W", defaultValue = "1,28,28",
            description = "Input shape, channels first (default: ${DEFAULT-VALUE}).")
    private String input;

    @Option(names = "--classes", paramLabel = "N", defaultValue = "10",
            description = "Number of classes (default: ${DEFAULT-VALUE}).")
    private int classes;

    @Option(names = "--width", paramLabel = "W",
            description = "Channels of the first stage (default: the model's own, e.g. smallcnn 32, resnet18 64, "
                    + "wrn16_4 64); a ResNet family member scales every layer by it.")
    private Integer width;

    @Override
    public void run() {
        Shape shape = Shape.parse(input);
        var built = ModelRegistry.create(model, b -> {
            b.inputShape(shape).classes(classes);
            if (width != null) {
                b.width(width);
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        out.println("Model: " + built.modelName() + " (input " + shape + ", " + classes + " classes, width "
                + built.options().width() + ")");
        out.println(built.summary());
        out.flush();
    }
}

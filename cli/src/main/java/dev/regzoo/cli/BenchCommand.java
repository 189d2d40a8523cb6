package dev.regzoo.cli;

import dev.regzoo.cli.bench.BenchModel;
import dev.regzoo.cli.bench.Benchmark;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code regzoo bench}: training and inference throughput, one JSON line per model on stdout. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time training (SGD, Nesterov momentum 0.9, weight decay 5e-4) and inference of zoo models on "
                + "random 1x28x28 images, 10 classes, as the PyTorch peer benchmark does (peer_bench.py).",
                "Prints one JSON line per model on stdout, with the peer's keys plus memory peaks, start-up time, "
                        + "versions and whether oneDNN helpers were active."})
final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", split = ",", paramLabel = "NAME", defaultValue = "smallcnn,resnet18w16,resnet18",
            description = "Models, comma-separated: zoo names (see 'regzoo list'), each optionally with wWIDTH for "
                    + "another width, e.g. resnet18w16 (default: ${DEFAULT-VALUE}).")
    private List<String> models;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128",
            description = "Training batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--infer-batch", paramLabel = "N", defaultValue = "256",
            description = "Inference batch size (default: ${DEFAULT-VALUE}).")
    private int inferBatch;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "25",
            description = "Least seconds of timed training per model (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--infer-seconds", paramLabel = "S", defaultValue = "15",
            description = "Least seconds of timed inference per model (default: ${DEFAULT-VALUE}).")
    private double inferSeconds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Untimed iterations before each timed phase (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--channels-last", negatable = true, description = "Build the models channels-last (NHWC inside, "
            + "the same channels-first input) or, with --no-channels-last, channels-first (default: each model's own).")
    private Boolean channelsLast;

    @Override
    public void run() {
        Benchmark benchmark = new Benchmark(batch, inferBatch, seconds, inferSeconds, warmup, channelsLast);
        List<BenchModel> chosen = models.stream().map(BenchModel::of).toList();
        PrintWriter out = spec.commandLine().getOut();
        for (BenchModel model : chosen) {
            out.println(benchmark.run(model).toJson());
            out.flush();
        }
    }
}

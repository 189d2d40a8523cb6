package dev.regzoo.cli;

import dev.regzoo.data.augment.AugmentationSpec;
import dev.regzoo.recipes.OptimizerSpec;
import dev.regzoo.recipes.Recipe;
import dev.regzoo.recipes.Recipes;
import dev.regzoo.recipes.ScheduleSpec;
import dev.regzoo.recipes.StoppingSpec;
import dev.regzoo.recipes.Transfer;
import dev.regzoo.train.RunFolder;
import dev.regzoo.train.TrainedModel;
import dev.regzoo.train.Trainer;
import dev.regzoo.train.TrainingUi;
import dev.regzoo.zoo.RegularizationSpec;
import dev.regzoo.zoo.Shape;
import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo train RECIPE [overrides]}: trains a recipe with early stopping and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a recipe (see 'regzoo list') with early stopping; the best model is kept, evaluated on "
                + "the test set and saved in the run folder with recipe.json, metrics.json, report.md and curves.png."
                + " Options override the recipe's values.")
final class TrainCommand implements Callable<Integer> {

    /** Exit code when the loss became NaN or infinite. */
    static final int EXIT_DIVERGED = 3;
    /** The command's own arguments, kept in the run folder for {@code --resume}. */
    static final String ARGS_FILE = "train-args.txt";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RECIPE",
            description = "Recipe name, e.g. fashion-smallcnn (not with --resume).")
    private String recipeName;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue an interrupted run from its latest "
            + "checkpoint, with the same recipe and options (others given here are not allowed).")
    private Path resume;

    @Option(names = "--epochs", description = "Maximum epochs.")
    private Integer epochs;
    @Option(names = {"-b", "--batch-size"}, description = "Images per minibatch.")
    private Integer batchSize;
    @Option(names = "--lr", description = "Base learning rate.")
    private Double lr;
    @Option(names = "--optimizer", description = "sgd, nesterov, rmsprop, adam or adamw.")
    private String optimizer;
    @Option(names = "--lr-schedule", description = "constant, step, exponential or cosine.")
    private String lrSchedule;
    @Option(names = "--warmup-epochs", description = "Linear warm-up epochs (cosine schedule).")
    private Integer warmupEpochs;
    @Option(names = "--lr-step-epochs", description = "Epochs between steps (step schedule).")
    private Integer stepEpochs;
    @Option(names = "--lr-gamma", description = "Decay factor (step and exponential schedules).")
    private Double gamma;
    @Option(names = "--min-lr", description = "Final lr of the cosine schedule; floor of ReduceLROnPlateau.")
    private Double minLr;
    @Option(names = "--plateau-factor", description = "ReduceLROnPlateau factor in (0,1); 0 = off. Needs "
            + "--lr-schedule constant.")
    private Double plateauFactor;
    @Option(names = "--plateau-patience", description = "Epochs without improvement before ReduceLROnPlateau acts.")
    private Integer plateauPatience;
    @Option(names = "--patience", description = "Early stopping: epochs without improvement before stopping.")
    private Integer patience;
    @Option(names = "--min-delta", description = "Early stopping: smallest change that counts as improvement.")
    private Double minDelta;
    @Option(names = "--monitor", description = "val_loss (minimized) or val_accuracy (maximized).")
    private String monitor;
    @Option(names = "--max-minutes", description = "Stop after this many minutes (0 = no limit).")
    private Double maxMinutes;
    @Option(names = "--l1", description = "L1 penalty on weights (added to the loss).")
    private Double l1;
    @Option(names = "--l2", description = "L2 penalty on weights (added to the loss).")
    private Double l2;
    @Option(names = {"--weight-decay", "--wd"}, description = "Decoupled weight decay on weights.")
    private Double weightDecay;
    @Option(names = "--dropout", description = "Drop probability of the classifier head, in [0, 1).")
    private Double dropout;
    @Option(names = "--spatial-dropout", description = "Channel drop probability in conv blocks, in [0, 1).")
    private Double spatialDropout;
    @Option(names = "--batch-norm", negatable = true, description = "BatchNorm on or off (--no-batch-norm).")
    private Boolean batchNorm;
    @Option(names = "--augment", paramLabel = "SPEC", description = "none, standard or key=value,... (see "
            + "'regzoo data preview --help').")
    private String augment;
    @Option(names = "--train-limit", paramLabel = "N", description = "Use only N training images (stratified).")
    private Integer trainLimit;
    @Option(names = "--validation", paramLabel = "FRACTION", description = "Validation fraction per class.")
    private Double validation;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset folder (required for folder recipes).")
    private Path dataDir;
    @Option(names = "--input", paramLabel = "C,H,W", description = "Input shape (default: the dataset's; folders "
            + "3,64,64).")
    private String input;
    @Option(names = "--width", description = "Model width (channels of the first stage).")
    private Integer width;
    @Option(names = "--channels-last", negatable = true, description = "Build the model channels-last (NHWC layers) "
            + "or, with --no-channels-last, channels-first: same input and function, different speed (default: the "
            + "model's own: channels-last, channels-first with spatial dropout; see docs/benchmarks.md). Not with "
            + "--from or spatial dropout.")
    private Boolean channelsLast;
    @Option(names = "--seed", description = "Seed of weights, split, shuffling, augmentation and dropout.")
    private Long seed;
    @Option(names = "--from", paramLabel = "MODEL", description = "Fine-tune a trained network instead of starting "
            + "from random weights: pretrained:NAME (shipped, see MODEL_CARD.md) or a model file. Its classifier is "
            + "replaced for the data's classes; input shape defaults to the model's.")
    private String from;
    @Option(names = "--freeze", paramLabel = "LAYER", description = "With --from: keep the layers up to and including "
            + "LAYER fixed (e.g. block2_pool for smallcnn); the rest trains.")
    private String freeze;
    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<recipe>-<timestamp>).")
    private Path out;
    @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "Data-parallel training "
            + "threads in this JVM (DL4J ParallelWrapper, parameters averaged every iteration); 1 = the plain trainer "
            + "(default: ${DEFAULT-VALUE}). See docs/scale-out.md for Spark.")
    private int workers;
    @Option(names = "--ui", description = "Show live curves in DL4J's training UI while training (it listens on all "
            + "network interfaces: DL4J 1.0.0-M2.1 cannot bind to localhost only).")
    private boolean ui;
    @Option(names = "--port", defaultValue = "9000", description = "UI port; the next free one if taken (default: "
            + "${DEFAULT-VALUE}).")
    private int port;

    @Override
    public Integer call() {
        Trainer.checkWorkers(workers);
        if (resume != null) {
            return resumeRun();
        }
        if (recipeName == null) {
            throw new IllegalArgumentException("give a recipe (see 'regzoo list') or --resume RUN_DIR");
        }
        Recipe recipe = resolve(Recipes.get(recipeName));
        Path dir = out != null ? out : RunFolder.timestamped(recipe.name());
        RunFolder folder = RunFolder.create(dir);
        folder.writeText(ARGS_FILE, String.join("\n", ownArgs()) + "\n");
        return train(recipe, folder, false);
    }

    /** Re-reads the interrupted run's own arguments, so that it continues with exactly its recipe and options. */
    private int resumeRun() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (given.matchedOptions().size() != 1 || !given.matchedPositionals().isEmpty()) {
            throw new IllegalArgumentException("--resume RUN_DIR takes no other arguments: the run continues with "
                    + "its own recipe and options (from " + ARGS_FILE + ")");
        }
        Path argsFile = resume.resolve(ARGS_FILE);
        List<String> original;
        try {
            original = Files.readAllLines(argsFile);
        } catch (IOException e) {
            throw new IllegalArgumentException(resume + ": not a regzoo run folder (cannot read " + ARGS_FILE + ")", e);
        }
        TrainCommand previous = new TrainCommand();
        try {
            new CommandLine(previous).parseArgs(original.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(argsFile + " cannot be parsed: " + e.getMessage(), e);
        }
        Recipe recipe = previous.resolve(Recipes.get(previous.recipeName));
        workers = previous.workers;
        return train(recipe, RunFolder.create(resume), true);
    }

    /**
     * This command's arguments, without what came before it ({@code train} itself), with folder options made absolute
     * so that {@code --resume} works from any directory.
     */
    private List<String> ownArgs() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        List<String> own = new java.util.ArrayList<>(all.subList(all.indexOf(spec.name()) + 1, all.size()));
        for (int i = 0; i < own.size(); i++) {
            String arg = own.get(i);
            if ((arg.equals("--data-dir") || arg.equals("--out") || arg.equals("--from")) && i + 1 < own.size()
                    && !own.get(i + 1).startsWith(TrainedModel.PRETRAINED)) {
                own.set(i + 1, Path.of(own.get(i + 1)).toAbsolutePath().toString());
            } else if (arg.startsWith("--data-dir=") || arg.startsWith("--out=")) {
                int eq = arg.indexOf('=');
                own.set(i, arg.substring(0, eq + 1) + Path.of(arg.substring(eq + 1)).toAbsolutePath());
            }
        }
        return own;
    }

    private int train(Recipe recipe, RunFolder folder, boolean resuming) {
        Path dir = folder.dir();
        PrintWriter printer = spec.commandLine().getOut();
        Optional<TrainingUi> server = ui ? Optional.of(TrainingUi.start(port)) : Optional.empty();
        server.ifPresent(s -> {
            printer.printf("Training UI: %s (until training ends; 'regzoo ui %s' shows the run later)%n", s.url(),
                    dir);
            printer.flush();
        });
        Trainer.Outcome outcome;
        try {
            outcome = resuming ? Trainer.resume(recipe, folder, printer, server, workers)
                    : Trainer.train(recipe, folder, printer, server, workers);
        } finally {
            server.ifPresent(TrainingUi::stop);
        }
        var report = outcome.report();
        printer.printf("Stopped: %s%n", report.termination());
        if (report.bestEpoch() > 0) {
            printer.printf("Best epoch %d; %s%n", report.bestEpoch(), report.test()
                    .map(t -> String.format("test accuracy %.4f on %d images", t.accuracy(), t.images()))
                    .orElse("no test set"));
        }
        printer.printf("Run folder: %s%n", folder.dir().toAbsolutePath());
        printer.flush();
        return outcome.diverged() ? EXIT_DIVERGED : 0;
    }

    /** The recipe with every given option applied. */
    Recipe resolve(Recipe base) {
        Recipe.Builder b = base.toBuilder();
        RegularizationSpec.Builder reg = base.regularization().toBuilder();
        if (l1 != null) {
            reg.l1(l1);
        }
        if (l2 != null) {
            reg.l2(l2);
        }
        if (weightDecay != null) {
            reg.weightDecay(weightDecay);
        }
        if (dropout != null) {
            reg.dropout(dropout);
        }
        if (spatialDropout != null) {
            reg.spatialDropout(spatialDropout);
        }
        if (batchNorm != null) {
            reg.batchNorm(batchNorm);
        }
        b.regularization(reg.build());
        OptimizerSpec o = base.optimizer();
        b.optimizer(new OptimizerSpec(optimizer != null ? OptimizerSpec.Kind.parse(optimizer) : o.kind(),
                lr != null ? lr : o.learningRate(), o.momentum()));
        ScheduleSpec s = base.schedule();
        b.schedule(new ScheduleSpec(lrSchedule != null ? ScheduleSpec.Kind.parse(lrSchedule) : s.kind(),
                or(warmupEpochs, s.warmupEpochs()), or(stepEpochs, s.stepEpochs()), or(gamma, s.gamma()),
                or(minLr, s.minLr()), or(plateauFactor, s.plateauFactor()), or(plateauPatience, s.plateauPatience())));
        StoppingSpec t = base.stopping();
        b.stopping(new StoppingSpec(monitor != null ? StoppingSpec.Monitor.parse(monitor) : t.monitor(),
                or(patience, t.patience()), or(minDelta, t.minDelta()), or(epochs, t.maxEpochs()),
                or(maxMinutes, t.maxMinutes())));
        if (augment != null) {
            b.augmentation(AugmentationSpec.parse(augment));
        }
        if (trainLimit != null) {
            b.trainLimit(trainLimit);
        }
        if (validation != null) {
            b.validationFraction(validation);
        }
        if (dataDir != null) {
            b.dataDir(dataDir);
        }
        if (freeze != null && from == null) {
            throw new IllegalArgumentException("--freeze needs --from: only a trained network has layers worth "
                    + "keeping fixed");
        }
        if (from != null) {
            b.transfer(new Transfer(from, freeze));
            if (input == null) {
                b.input(TrainedModel.manifestOf(from).shape());
            }
        }
        if (input != null) {
            b.input(Shape.parse(input));
        }
        if (width != null) {
            b.width(width);
        }
        if (channelsLast != null) {
            b.channelsLast(channelsLast);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (seed != null) {
            b.seed(seed);
        }
        return b.build();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

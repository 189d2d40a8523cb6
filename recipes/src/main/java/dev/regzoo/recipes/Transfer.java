package dev.regzoo.recipes;

import java.util.Optional;

/**
 * Fine-tuning: start from a trained network instead of random weights, with a new classifier head for the recipe's
 * classes (DL4J's {@code TransferLearning}).
 *
 * @param from          {@code pretrained:NAME} (weights shipped in the zoo) or a regzoo model file
 * @param freezeThrough the last layer (or graph vertex) to keep fixed, with everything before it; null trains all
 */
public record Transfer(String from, String freezeThrough) {

    public Transfer {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("--from must name a model: pretrained:NAME or a model file, got '"
                    + from + "'");
        }
        if (freezeThrough != null && freezeThrough.isBlank()) {
            throw new IllegalArgumentException("--freeze must name a layer, got an empty name");
        }
    }

    /** The layer up to which the backbone stays fixed, if any. */
    public Optional<String> frozen() {
        return Optional.ofNullable(freezeThrough);
    }
}

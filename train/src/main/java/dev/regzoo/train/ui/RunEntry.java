package dev.regzoo.train.ui;

import dev.regzoo.train.RunMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A folder as the runs page lists it: a run read from its files, or a folder that holds no run. What could not be
 * read is said in the notes; the rest is shown.
 *
 * @param id             the run's id in the pages' addresses (from its path)
 * @param dir            the folder, absolute
 * @param label          its name on the pages: the path below the folder given to the UI
 * @param study          the id of the study (folder of runs) it belongs to, if any
 * @param status         where it stands
 * @param recipe         the recipe's name ({@code ""} when unknown)
 * @param metrics        its {@code metrics.json}, when present and readable
 * @param regularization the recipe's regularization settings that are on
 * @param sessions       its DL4J session ids, for DL4J's pages
 * @param notes          what is missing or damaged, in words
 */
record RunEntry(String id, Path dir, String label, Optional<String> study, RunStatus status, String recipe,
                Optional<RunMetrics> metrics, List<Setting> regularization, List<String> sessions, List<String> notes) {

    RunEntry {
        regularization = List.copyOf(regularization);
        sessions = List.copyOf(sessions);
        notes = List.copyOf(notes);
    }
}

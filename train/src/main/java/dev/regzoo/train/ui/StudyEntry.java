package dev.regzoo.train.ui;

import java.nio.file.Path;
import java.util.List;

/**
 * A folder of runs: a study (an ablation's variants, a search's trials) or any folder holding run folders. The
 * comparison page starts with its runs selected.
 *
 * @param id    its id in the pages' addresses
 * @param dir   the folder, absolute
 * @param label its name on the pages
 * @param runs  the ids of the runs (and non-run folders) directly in it, in name order
 */
record StudyEntry(String id, Path dir, String label, List<String> runs) {

    StudyEntry {
        runs = List.copyOf(runs);
    }
}

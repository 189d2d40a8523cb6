package dev.regzoo.train.ui;

import java.util.List;
import java.util.Optional;

/**
 * Everything the pages show at one moment: the runs and the studies, each in the order found.
 *
 * @param runs    runs and folders that hold none
 * @param studies folders of runs
 */
record Catalog(List<RunEntry> runs, List<StudyEntry> studies) {

    Catalog {
        runs = List.copyOf(runs);
        studies = List.copyOf(studies);
    }

    Optional<RunEntry> run(String id) {
        return runs.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    Optional<StudyEntry> study(String id) {
        return studies.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}

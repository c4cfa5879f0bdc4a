package dev.retentioncleanup.cli;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.Settings;
import dev.retentioncleanup.observe.AtomicFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file the run writes at its end (the report, the metrics textfile), checked before the first batch: a run
 * must not delete rows and only then find it cannot tell anyone.
 *
 * @param origin where the path was set, e.g. {@code --report} or {@code retention.yml:14: run.metrics_textfile}
 */
record OutputFile(String origin, Path path) {
    static List<OutputFile> of(Invocation invocation) {
        List<OutputFile> files = new ArrayList<>();
        String report = invocation.settings().report();
        if (report != null && !report.equals("-")) {
            files.add(new OutputFile(invocation.sources().originOf(Settings.REPORT), Path.of(report)));
        }
        Path textfile = invocation.monitoring().metricsTextfile();
        if (textfile != null) {
            files.add(new OutputFile(invocation.sources().originOf(Settings.METRICS_TEXTFILE), textfile));
        }
        return files;
    }

    /** Exit 2, before connecting, when one of them cannot be written. */
    static void requireWritable(Invocation invocation) {
        for (OutputFile file : of(invocation)) {
            file.problem().ifPresent(problem -> {
                throw new ConfigException(file.origin() + ": " + problem);
            });
        }
    }

    /** Why it cannot be written, as "cannot write PATH: reason"; empty when it can. */
    Optional<String> problem() {
        return AtomicFile.unwritable(path).map(why -> "cannot write " + path + ": " + why);
    }
}

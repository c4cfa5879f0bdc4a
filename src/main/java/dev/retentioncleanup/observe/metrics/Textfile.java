package dev.retentioncleanup.observe.metrics;

import dev.retentioncleanup.observe.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's metrics for node_exporter's textfile collector: temp file in the same directory, then an
 * atomic rename, so the collector never reads half a file; readable by all, since node_exporter runs as another
 * user. The file is the picture of the last real run, so a dry run leaves it alone; the previous success time is
 * carried over by {@link #previousSuccess}.
 */
public final class Textfile implements Consumer<RunMetricsText> {
    private static final Logger LOG = LoggerFactory.getLogger(Textfile.class);
    private static final Pattern LAST_SUCCESS =
            Pattern.compile("(?m)^retention_last_success_timestamp_seconds(?:\\{\\})? (\\S+)");

    private final Path file;

    public Textfile(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public void accept(RunMetricsText metrics) {
        if (metrics.dryRun()) {
            LOG.debug("dry run: {} left as the last real run wrote it", file);
            return;
        }
        try {
            AtomicFile.write(file, metrics.exposition(), AtomicFile.WORLD_READABLE);
        } catch (IOException e) {
            LOG.warn("could not write metrics to {}: {}", file, e.toString());
        }
    }

    /** The success time a previous run wrote, so a failed run does not erase it; null when unknown. */
    public Double previousSuccess() {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            Matcher m = LAST_SUCCESS.matcher(Files.readString(file, StandardCharsets.UTF_8));
            return m.find() ? Double.valueOf(m.group(1)) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}

package dev.retentioncleanup.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated config file. {@code run} holds the raw values of the {@code run:} section by file key
 * ({@code batch_size}); they are parsed when settings are resolved, so a flag can still override them.
 */
public record RetentionConfig(Path source, PolicyConfig policy, List<TargetConfig> targets, Map<String, FileValue> run,
                              YamlLines lines) {
    public RetentionConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policy, "policy");
        targets = List.copyOf(targets);
        run = Map.copyOf(run);
    }

    /**
     * "retention.yml:14: " for the node at a JSON pointer such as {@code /targets/0/table}: later checks
     * (against the catalog) name the line of the key they complain about, like the loader does.
     */
    public String locate(String pointer) {
        return at(lines.lineOf(pointer));
    }

    /** "retention.yml:14: " — the prefix of every message about a line of this file. */
    String at(int line) {
        return source + ":" + line + ": ";
    }
}

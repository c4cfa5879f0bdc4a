package dev.retentioncleanup.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated config file. {@code run} holds the raw values of the {@code run:} section by file key
 * ({@code batch_size}); they are parsed when settings are resolved, so a flag can still override them.
 *
 * @param lines the line of every node of the file by its path, for {@link #locate}
 */
public record RetentionConfig(Path source, PolicyConfig policy, List<TargetConfig> targets, Map<String, FileValue> run,
                              Map<ConfigPath, Integer> lines) {
    public RetentionConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policy, "policy");
        targets = List.copyOf(targets);
        run = Map.copyOf(run);
        lines = Map.copyOf(lines);
    }

    /**
     * "retention.yml:14: targets[0].table" for that path (the line of its nearest ancestor the file has, should it
     * have none of its own; "retention.yml:1" for the root): later checks, against the catalog, name the line and
     * key they complain about like the loader does, as {@code locate(path) + ": " + message}.
     */
    public String locate(ConfigPath path) {
        ConfigPath p = path;
        while (!lines.containsKey(p) && !p.isRoot()) {
            p = p.parent();
        }
        return source + ":" + lines.getOrDefault(p, 1) + (path.isRoot() ? "" : ": " + path);
    }
}

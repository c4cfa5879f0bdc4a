package dev.retentioncleanup.config;

import java.util.List;
import java.util.Map;

/**
 * What the user gave, one map per layer.
 *
 * @param flags options as typed, by long name without dashes ("batch-size" → ["500"]); names that are not
 *              settings (e.g. "config", "dry-run") are ignored here
 * @param env   the process environment; empty values count as unset
 * @param file  the loaded config file, or null without --config
 */
public record Sources(Map<String, List<String>> flags, Map<String, String> env, RetentionConfig file) {
    public Sources {
        flags = flags == null ? Map.of() : Map.copyOf(flags);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /**
     * Where the value of {@code setting} comes from, as messages name it: {@code --report}, {@code RETENTION_REPORT},
     * {@code retention.yml:12: run.report} or {@code default}; null when nothing sets it and it has no default.
     */
    public String originOf(Setting<?> setting) {
        Layers.Resolved<?> resolved = new Layers(this).single(setting);
        return resolved == null ? null : resolved.origin();
    }
}

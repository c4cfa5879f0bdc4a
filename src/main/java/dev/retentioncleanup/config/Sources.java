package dev.retentioncleanup.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the user gave, one map per layer, and the settings it may name.
 *
 * @param settings every setting of the command: {@link Settings#all()} and the guards' (the CLI puts them together);
 *                 the file's {@code run:} keys must be among them
 * @param flags    options as typed, by long name without dashes ("batch-size" → ["500"]); names that are not
 *                 settings (e.g. "config", "dry-run") are ignored here
 * @param env      the process environment; empty values count as unset
 * @param file     the loaded config file, or null without --config
 */
public record Sources(List<Setting<?>> settings, Map<String, List<String>> flags, Map<String, String> env,
                      RetentionConfig file) {
    public Sources {
        settings = List.copyOf(settings);
        flags = flags == null ? Map.of() : Map.copyOf(flags);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /**
     * The value of a single-valued setting, flag > environment > file > default; null when nothing sets it and it
     * has no default. A value that does not parse is a {@link ConfigException} naming where it was set.
     */
    public <T> T value(Setting<T> setting) {
        return new Layers(this).value(setting);
    }

    /**
     * Where the value of {@code setting} comes from, as messages name it: {@code --report}, {@code RETENTION_REPORT},
     * {@code retention.yml:12: run.report} or {@code default}; null when nothing sets it and it has no default.
     */
    public String originOf(Setting<?> setting) {
        Layers.Resolved<?> resolved = new Layers(this).single(setting);
        return resolved == null ? null : resolved.origin();
    }

    /** Every key of the file's {@code run:} section must name a setting; the first that does not is an error. */
    void requireKnownFileKeys() {
        if (file == null) {
            return;
        }
        List<String> keys = settings.stream().map(Setting::fileKey).toList();
        List<String> inFileOrder = file.run().entrySet().stream()
                .sorted(Comparator.comparingInt(e -> e.getValue().line())).map(Map.Entry::getKey).toList();
        for (String key : inFileOrder) {
            if (!keys.contains(key)) {
                throw new ConfigException(file.locate(RunSectionReader.PATH.key(key)) + ": unknown setting"
                        + Suggestions.didYouMean(key, keys));
            }
        }
    }
}

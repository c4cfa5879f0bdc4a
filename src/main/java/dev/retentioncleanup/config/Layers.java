package dev.retentioncleanup.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Resolves settings flag > environment > file > default. Only the winning layer's text is parsed, and its
 * complaint is prefixed with where that text came from: {@code --batch-size}, {@code RETENTION_BATCH_SIZE} or
 * {@code retention.yml:14: run.batch_size}; {@link Sources#originOf} tells it for one setting.
 */
final class Layers {
    static final String DEFAULT = "default";

    private final Sources sources;

    Layers(Sources sources) {
        this.sources = sources;
    }

    /**
     * Best effort for a start that failed before the settings resolved: {@code read} over all layers, else over the
     * flags and environment alone (the file may be what is broken), else {@code fallback}.
     */
    static <T> T bestEffort(Sources sources, Function<Layers, T> read, T fallback) {
        for (Sources s : List.of(sources, new Sources(sources.settings(), sources.flags(), sources.env(), null))) {
            try {
                return read.apply(new Layers(s));
            } catch (ConfigException e) {
                // try the next, narrower set of layers
            }
        }
        return fallback;
    }

    /** A value and the layer it came from. */
    record Resolved<T>(T value, String origin) {
    }

    /** The value of a single-valued setting, or null when nothing sets it and it has no default. */
    <T> Resolved<T> single(Setting<T> setting) {
        Resolved<List<T>> all = resolve(setting);
        if (all == null) {
            return null;
        }
        if (all.value().size() != 1) {
            throw new ConfigException(all.origin() + ": given " + all.value().size() + " times; give it once");
        }
        return new Resolved<>(all.value().get(0), all.origin());
    }

    /** The values of a repeatable setting; one layer wins whole, lists are not merged across layers. */
    <T> Resolved<List<T>> list(Setting<T> setting) {
        Resolved<List<T>> all = resolve(setting);
        return all != null ? all : new Resolved<>(List.of(), DEFAULT);
    }

    <T> T value(Setting<T> setting) {
        Resolved<T> resolved = single(setting);
        return resolved == null ? null : resolved.value();
    }

    /** The first non-empty variable of {@code names}. */
    Resolved<String> env(List<String> names) {
        for (String name : names) {
            String value = sources.env().get(name);
            if (value != null && !value.isEmpty()) {
                return new Resolved<>(value, name);
            }
        }
        return null;
    }

    private <T> Resolved<List<T>> resolve(Setting<T> setting) {
        Resolved<List<String>> texts = texts(setting);
        if (texts == null) {
            return null;
        }
        List<T> values = new ArrayList<>();
        for (String text : texts.value()) {
            values.add(parse(setting::parse, text, texts.origin()));
        }
        return new Resolved<>(List.copyOf(values), texts.origin());
    }

    private Resolved<List<String>> texts(Setting<?> setting) {
        if (!sources.settings().contains(setting)) {
            throw new IllegalArgumentException(setting.name() + " is not among the command's settings");
        }
        List<String> flag = sources.flags().get(setting.name());
        if (flag != null && !flag.isEmpty()) {
            return new Resolved<>(flag, setting.flag());
        }
        Resolved<String> env = env(setting.envNames());
        if (env != null) {
            List<String> values = setting.repeatable() ? Arrays.asList(env.value().split(",", -1)) : List.of(env.value());
            return new Resolved<>(values, env.origin());
        }
        RetentionConfig file = sources.file();
        FileValue fileValue = file == null ? null : file.run().get(setting.fileKey());
        if (fileValue != null) {
            String origin = file.locate(RunSectionReader.PATH.key(setting.fileKey()));
            if (fileValue.value() instanceof List<?> list) {
                if (!setting.repeatable()) {
                    throw new ConfigException(origin + ": expected one value, got a list");
                }
                return new Resolved<>(list.stream().map(String.class::cast).toList(), origin);
            }
            return new Resolved<>(List.of((String) fileValue.value()), origin);
        }
        if (setting.defaultText() != null) {
            return new Resolved<>(List.of(setting.defaultText()), DEFAULT);
        }
        return null;
    }

    static <T> T parse(Function<String, T> parser, String text, String origin) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + e.getMessage(), e);
        }
    }
}

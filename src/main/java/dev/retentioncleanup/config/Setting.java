package dev.retentioncleanup.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One setting that may come from a flag, the environment, the file's {@code run:} section or a default. All
 * spellings derive from {@code name}: {@code batch-size} is {@code --batch-size}, {@code RETENTION_BATCH_SIZE}
 * and {@code run.batch_size}.
 *
 * @param defaultText text of the default, parsed like user input (null: no default); picocli shows it in help
 * @param parser      text to value; throws {@link IllegalArgumentException} with a message such as
 *                    "'abc' is not a positive integer" that the resolver prefixes with the flag, variable or key
 * @param extraEnv    fallback variables read after {@link #env()}, in order (e.g. DATABASE_URL)
 * @param repeatable  the flag may repeat and the value is a list (comma-separated in the environment)
 */
public record Setting<T>(String name, SettingGroup group, String defaultText, Function<String, T> parser,
                         List<String> extraEnv, boolean repeatable) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Setting {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("setting name must be kebab-case: " + name);
        }
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(parser, "parser");
        extraEnv = List.copyOf(extraEnv);
        if (defaultText != null) {
            parser.apply(defaultText); // a broken default fails at class initialisation, not in production
        }
    }

    static <T> Setting<T> of(String name, SettingGroup group, String defaultText, Function<String, T> parser) {
        return new Setting<>(name, group, defaultText, parser, List.of(), false);
    }

    public String flag() {
        return "--" + name;
    }

    public String env() {
        return "RETENTION_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public String fileKey() {
        return name.replace('-', '_');
    }

    /** {@link #env()} followed by {@link #extraEnv()}: the order in which variables are consulted. */
    public List<String> envNames() {
        List<String> names = new ArrayList<>();
        names.add(env());
        names.addAll(extraEnv);
        return List.copyOf(names);
    }

    /** Parses user text (surrounding blanks ignored); throws IllegalArgumentException saying what is accepted. */
    public T parse(String text) {
        return parser.apply(text.strip());
    }
}

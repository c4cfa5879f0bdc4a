package dev.retentioncleanup.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One setting that may come from a flag, the environment, the file's {@code run:} section or a default, declared
 * once with all that is said about it: the label and help of its option, its default, its parser. All spellings
 * derive from {@code name}: {@code batch-size} is {@code --batch-size}, {@code RETENTION_BATCH_SIZE} and
 * {@code run.batch_size}. The CLI builds its options from these declarations ({@code cli.SettingOptions}).
 *
 * @param label       what the value is, shown after the flag in help: its unit ({@code SIZE}, {@code DURATION},
 *                    {@code RATE}, {@code N}) or its form ({@code URL}, {@code FILE}, {@code I/N})
 * @param help        the option's help, whole sentences; the help adds the fallback variables and the default
 * @param defaultText text of the default, parsed like user input (null: no default); help shows it
 * @param parser      text to value; throws {@link IllegalArgumentException} with a message such as
 *                    "'abc' is not a positive integer" that the resolver prefixes with the flag, variable or key
 * @param extraEnv    fallback variables read after {@link #env()}, in order (e.g. DATABASE_URL)
 * @param repeatable  the flag may repeat and the value is a list (comma-separated in the environment)
 */
public record Setting<T>(String name, SettingGroup group, String label, String help, String defaultText,
                         Function<String, T> parser, List<String> extraEnv, boolean repeatable) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Setting {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("setting name must be kebab-case: " + name);
        }
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(parser, "parser");
        if (label == null || label.isBlank() || help == null || help.isBlank()) {
            throw new IllegalArgumentException("setting " + name + " needs a label and a help text");
        }
        extraEnv = List.copyOf(extraEnv);
        if (defaultText != null) {
            parser.apply(defaultText); // a broken default fails at class initialisation, not in production
        }
    }

    /** A single-valued setting without default or fallback variable; see the {@code with…} methods for those. */
    public static <T> Setting<T> of(String name, SettingGroup group, String label, Function<String, T> parser,
            String help) {
        return new Setting<>(name, group, label, help, null, parser, List.of(), false);
    }

    /**
     * A guard's limit: in the {@link SettingGroup#GUARDS} group, off unless set, and kept with its text so
     * messages echo it as written ({@link Written}).
     */
    public static <T> Setting<Written<T>> limit(String name, String label, Function<String, T> parser, String help) {
        return of(name, SettingGroup.GUARDS, label, Written.by(parser), help);
    }

    public Setting<T> withDefault(String text) {
        return new Setting<>(name, group, label, help, text, parser, extraEnv, repeatable);
    }

    /** Variables read, in order, when {@link #env()} is unset. */
    public Setting<T> withFallbackEnv(String... variables) {
        return new Setting<>(name, group, label, help, defaultText, parser, List.of(variables), repeatable);
    }

    /** The flag may repeat, and the value is a list (comma-separated in the environment). */
    public Setting<T> asList() {
        return new Setting<>(name, group, label, help, defaultText, parser, extraEnv, true);
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
        return Stream.concat(Stream.of(env()), extraEnv.stream()).toList();
    }

    /** Parses user text (surrounding blanks ignored); throws IllegalArgumentException saying what is accepted. */
    public T parse(String text) {
        return parser.apply(text.strip());
    }
}

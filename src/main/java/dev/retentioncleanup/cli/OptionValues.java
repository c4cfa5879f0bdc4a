package dev.retentioncleanup.cli;

import dev.retentioncleanup.config.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The settings the user typed, as raw strings keyed by setting name. Reading the parse result instead
 * of fields keeps "typed on the command line" apart from "picocli's default", which layering needs.
 */
final class OptionValues {
    private OptionValues() {
    }

    static Map<String, List<String>> typed(ParseResult parseResult) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (OptionSpec option : parseResult.matchedOptions()) {
            String name = settingName(option);
            if (Settings.named(name).isPresent()) {
                values.put(name, List.copyOf(option.originalStringValues()));
            }
        }
        return values;
    }

    static String settingName(OptionSpec option) {
        return option.longestName().replaceFirst("^--", "");
    }
}

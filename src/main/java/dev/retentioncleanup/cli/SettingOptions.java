package dev.retentioncleanup.cli;

import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.SettingGroup;
import dev.retentioncleanup.config.Settings;
import dev.retentioncleanup.guard.GuardRegistry;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The settings as picocli options. A setting is declared once ({@code config.Settings}, or by its guard, listed in
 * {@code guard.GuardRegistry}) with its label, help and default; its option, its section of the help and its help
 * line are made from that declaration here, so they cannot drift from what the setting parses.
 */
final class SettingOptions {
    /**
     * Every setting, in the order of the help: by {@link SettingGroup}; within the guards' section the guards' own
     * settings first, in registry order, then how pausing and stopping behave.
     */
    static final List<Setting<?>> ALL = Stream.concat(GuardRegistry.settings().stream(), Settings.all().stream())
            .sorted(Comparator.comparing(Setting::group)) // stable: declaration order within a group
            .toList();

    private SettingOptions() {
    }

    /** Adds one section of options per group, in the groups' order, to {@code spec}. */
    static void addTo(CommandSpec spec, List<SettingGroup> groups) {
        for (SettingGroup group : groups) {
            ArgGroupSpec.Builder section = ArgGroupSpec.builder()
                    .heading("%n" + group.heading() + ":%n")
                    .order(10 * (group.ordinal() + 1))
                    .validate(false);
            ALL.stream().filter(s -> s.group() == group).forEach(s -> section.addArg(option(s)));
            spec.addArgGroup(section.build());
        }
    }

    /**
     * The option of a setting. Its value is only ever read back as typed ({@link #typed}): the type is text, and
     * no default is set in picocli (the default is a layer of its own and appears in the description).
     */
    static OptionSpec option(Setting<?> setting) {
        OptionSpec.Builder option = OptionSpec.builder(setting.flag())
                .paramLabel(setting.label())
                .description(description(setting))
                .arity("1")
                .userObject(setting);
        return (setting.repeatable() ? option.type(List.class).auxiliaryTypes(String.class) : option.type(String.class))
                .build();
    }

    /** The help; then the variables read after RETENTION_…, if any, before its final period; then the default. */
    static String description(Setting<?> setting) {
        String text = setting.help();
        if (!setting.extraEnv().isEmpty()) {
            String env = " (env " + String.join(", then ", setting.envNames()) + ")";
            text = text.endsWith(".") ? text.substring(0, text.length() - 1) + env + "." : text + env;
        }
        if (setting.defaultText() != null) {
            text += " Default: " + setting.defaultText() + ".";
        }
        // picocli formats descriptions (%n is a line break); a literal % must survive that.
        return text.replace("%", "%%");
    }

    /**
     * The settings the user typed on the command line, as raw strings keyed by setting name. Read from the parse
     * result, not from bound values, so "typed on the command line" stays apart from "picocli's default", which
     * layering needs.
     */
    static Map<String, List<String>> typed(ParseResult parseResult) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (OptionSpec option : parseResult.matchedOptions()) {
            if (option.userObject() instanceof Setting<?> setting) {
                values.put(setting.name(), List.copyOf(option.originalStringValues()));
            }
        }
        return values;
    }

    /** Adds every section to {@code run}: {@code @Command(modelTransformer = SettingOptions.Run.class)}. */
    static final class Run implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            addTo(spec, List.of(SettingGroup.values()));
            return spec;
        }
    }

    /** Adds the sections {@code check} uses: how to connect, the guards it probes, the outputs it checks. */
    static final class Check implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            addTo(spec, List.of(SettingGroup.CONNECTION, SettingGroup.GUARDS, SettingGroup.ARCHIVE, SettingGroup.OUTPUT));
            return spec;
        }
    }

    /** Adds the archive section alone, for {@code verify-archive}, which needs no database. */
    static final class Archive implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            addTo(spec, List.of(SettingGroup.ARCHIVE));
            return spec;
        }
    }

    /** Adds the sections {@code restore} uses: how to connect, the guards it heeds, the archive it reads. */
    static final class Restore implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            addTo(spec, List.of(SettingGroup.CONNECTION, SettingGroup.GUARDS, SettingGroup.ARCHIVE));
            return spec;
        }
    }
}

package dev.retentioncleanup.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        modelTransformer = SettingOptions.Check.class, // connection, guard and output settings
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Preflight without deleting: config against the catalog, the resolved delete order,",
            "missing indexes, missing privileges, unreadable guards, read-only or standby server.",
            "Exit 0 when nothing is an error (warnings allowed), 1 otherwise.",
            ""
        },
        footer = {
            "",
            "Options can also come from RETENTION_<NAME> variables or the config file's run: section",
            "(see 'retention-cleanup run --help'). Precedence: flag > environment > file > default."
        })
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Mixin
    VerbosityOptions verbosity = new VerbosityOptions();

    @Override
    public Integer call() {
        Invocation invocation = Invocation.of(spec, config, verbosity);
        return Wiring.check(invocation, spec.commandLine().getOut());
    }
}

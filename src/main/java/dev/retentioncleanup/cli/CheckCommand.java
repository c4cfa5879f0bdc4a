package dev.retentioncleanup.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        defaultValueProvider = SettingDefaults.class,
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

    @ArgGroup(validate = false, heading = "%nConnection:%n", order = 10)
    ConnectionOptions connection = new ConnectionOptions();

    @ArgGroup(validate = false, heading = "%nGuards:%n", order = 40)
    GuardOptions guards = new GuardOptions();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 60)
    OutputOptions output = new OutputOptions();

    @Mixin
    VerbosityOptions verbosity = new VerbosityOptions();

    @Override
    public Integer call() {
        Invocation invocation = Invocation.of(spec, config, verbosity);
        return Wiring.check(invocation, spec.commandLine().getOut());
    }
}

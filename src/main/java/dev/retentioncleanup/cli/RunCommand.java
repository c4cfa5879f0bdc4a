package dev.retentioncleanup.cli;

import dev.retentioncleanup.config.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        modelTransformer = SettingOptions.Run.class, // the settings' options, one section per group
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Delete what is past each tenant's retention: children leaf-first, then the targets, "
                    + "in ordered batches, one commit per batch.",
            "With --dry-run, count exactly what would go now, inside a READ ONLY transaction.",
            ""
        },
        footer = {
            "",
            "Every option except --config and --dry-run can also come from the environment as",
            "RETENTION_<NAME> (e.g. RETENTION_BATCH_SIZE) or from the config file's run: section as",
            "<name> with underscores (e.g. batch_size). Precedence: flag > environment > file > default.",
            "Sizes: 64MB, 1.5GiB. Durations: 500ms, 30s, 10m, 2h. Rates: 32MB/s."
        })
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--dry-run", order = 2,
            description = "Count what would be deleted now, per table and tenant; change nothing.")
    boolean dryRun;

    @Mixin
    VerbosityOptions verbosity = new VerbosityOptions();

    @Override
    public Integer call() {
        Invocation invocation;
        try {
            invocation = Invocation.of(spec, config, verbosity);
            OutputFile.requireWritable(invocation);
            OutOfMemoryExit.refuseJvmExitOnOutOfMemory();
        } catch (ConfigException e) {
            Wiring.failedToStart(spec, config, dryRun, e); // the monitor hears of it when its URL is known
            throw e;
        }
        return Wiring.run(invocation, dryRun);
    }
}

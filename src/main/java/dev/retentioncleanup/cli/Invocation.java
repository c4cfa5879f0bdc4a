package dev.retentioncleanup.cli;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.ConfigLoader;
import dev.retentioncleanup.config.LogFormat;
import dev.retentioncleanup.config.MonitoringSettings;
import dev.retentioncleanup.config.RetentionConfig;
import dev.retentioncleanup.config.RunSettings;
import dev.retentioncleanup.config.Sources;
import dev.retentioncleanup.guard.GuardRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the user asked for, validated once: the loaded config file, the layered run settings and the guards the
 * user turned on.
 *
 * @param sources the layers the settings came from, for messages that name where a value was set
 */
record Invocation(RetentionConfig config, RunSettings settings, GuardRegistry.Enabled guards,
        MonitoringSettings monitoring, Sources sources) {

    static Invocation of(CommandSpec spec, ConfigOption configOption, VerbosityOptions verbosity) {
        LoggingSetup.apply(verbosity.level(), null);
        Path file = configOption.fileOrEnv();
        if (file == null) {
            throw new ConfigException("missing configuration: set --config FILE or " + ConfigOption.ENV);
        }
        RetentionConfig config = ConfigLoader.load(file);
        Sources sources = new Sources(SettingOptions.ALL, SettingOptions.typed(spec.commandLine().getParseResult()),
                System.getenv(), config);
        RunSettings settings = RunSettings.resolve(sources);
        GuardRegistry.Enabled guards = GuardRegistry.enabled(sources);
        LoggingSetup.apply(verbosity.level(), settings.logFormat() == LogFormat.JSON);
        return new Invocation(config, settings, guards, MonitoringSettings.resolve(sources), sources);
    }
}

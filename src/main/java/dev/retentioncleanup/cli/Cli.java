package dev.retentioncleanup.cli;

import dev.retentioncleanup.config.Setting;
import java.util.List;
import picocli.CommandLine;

/** Builds the picocli command tree with the one exception-to-exit-code mapping. */
public final class Cli {
    private Cli() {
    }

    /** Every setting the commands know (config's and the guards'), in the order of the help. */
    public static List<Setting<?>> settings() {
        return SettingOptions.ALL;
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RootCommand());
        FailureHandler failures = new FailureHandler();
        commandLine.setExecutionExceptionHandler(failures);
        commandLine.setParameterExceptionHandler(failures);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }
}

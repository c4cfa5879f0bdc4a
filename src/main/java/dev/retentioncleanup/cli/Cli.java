package dev.retentioncleanup.cli;

import picocli.CommandLine;

/** Builds the picocli command tree with the one exception-to-exit-code mapping. */
public final class Cli {
    private Cli() {
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

package dev.retentioncleanup.cli;

import picocli.CommandLine.Option;

/** Where the run reports to. */
final class OutputOptions {
    @Option(names = "--report", paramLabel = "FILE|-", order = 60,
            description = "Write the JSON report here (- for stdout), also when the run fails or stops.")
    String report;

    @Option(names = "--log-format", paramLabel = "text|json", order = 61,
            description = "Log lines on stderr as text or one JSON object per line. Default: ${DEFAULT-VALUE}.")
    String logFormat;
}

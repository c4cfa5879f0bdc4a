package dev.retentioncleanup.cli;

import picocli.CommandLine.Option;

/** -v / -q; verbose also makes failures print their stack trace. */
final class VerbosityOptions {
    @Option(names = "-v", order = 90, description = "More detail; repeat (-vv) for SQL-level detail. "
            + "Failures print a stack trace.")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, order = 91, description = "Only warnings and errors.")
    boolean quiet;

    int level() {
        return quiet ? -1 : verbose.length;
    }
}

package dev.retentioncleanup;

import dev.retentioncleanup.cli.Cli;
import dev.retentioncleanup.cli.OutOfMemoryExit;

/** Entry point: builds the command line, runs it, exits with its code (1 on out-of-memory, from any thread). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        OutOfMemoryExit.install();
        System.exit(Cli.commandLine().execute(args));
    }
}

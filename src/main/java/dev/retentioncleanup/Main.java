package dev.retentioncleanup;

import dev.retentioncleanup.cli.Cli;

/** Entry point: builds the command line, runs it, exits with its code. Nothing else lives here. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.commandLine().execute(args));
    }
}

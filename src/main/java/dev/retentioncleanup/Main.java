package dev.retentioncleanup;

import dev.retentioncleanup.cli.Cli;
import dev.retentioncleanup.db.Jooq;

/** Entry point: builds the command line, runs it, exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Jooq.warmUpInBackground();
        System.exit(Cli.commandLine().execute(args));
    }
}

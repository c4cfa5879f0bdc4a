package dev.retentioncleanup.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "retention-cleanup",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Deletes rows past each tenant's retention period from PostgreSQL in small, ordered,",
            "committed batches, leaf tables first, pausing or stopping before it harms the server.",
            ""
        },
        subcommands = {RunCommand.class, CheckCommand.class, VerifyArchiveCommand.class, RestoreCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  completed (or dry run / check succeeded)",
            "  1  failed after retries, or out of memory (or check found errors, or verify-archive problems)",
            "  2  usage or configuration error; nothing was touched",
            "  3  stopped by a guard; committed batches stay; safe to re-run",
            "  4  skipped: another run holds the lock",
            "  5  stopped by --max-runtime or --max-rows; safe to re-run",
            "  6  database not writable (read-only or standby)",
            "  130/143  interrupted by SIGINT/SIGTERM after a clean stop",
            "",
            "Start with: retention-cleanup check --config retention.yml"
        })
public final class RootCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return dev.retentioncleanup.ExitCode.USAGE.code();
    }
}

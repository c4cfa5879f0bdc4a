package dev.retentioncleanup.cli;

import dev.retentioncleanup.ExitCode;
import dev.retentioncleanup.archive.ArchiveLayout;
import dev.retentioncleanup.archive.ArchiveStore;
import dev.retentioncleanup.archive.ArchiveVerification;
import dev.retentioncleanup.archive.ArchiveVerifier;
import dev.retentioncleanup.config.ArchiveDestination;
import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.ConfigLoader;
import dev.retentioncleanup.config.RetentionConfig;
import dev.retentioncleanup.config.Sources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "verify-archive",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        modelTransformer = SettingOptions.Archive.class, // --archive-dir, --archive-url, --archive-endpoint
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Check the archive, without a database and changing nothing: every run has a",
            "manifest; every file it lists is there with its size, SHA-256 and CSV row count;",
            "no other file lies under a run (one that does is in doubt: its batch did not",
            "commit, or the run has not reconciled it yet). One line per problem, then a summary.",
            "Exit 0 when all holds, 1 when anything is wrong or in doubt, 2 without an archive.",
            ""
        },
        footer = {
            "",
            "The archive options can also come from RETENTION_<NAME> variables or from the",
            "run: section of --config (whose policy and targets must load).",
            "Precedence: flag > environment > file."
        })
public final class VerifyArchiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--run-id", paramLabel = "ID", order = 2,
            description = "Only this run (its directory name); a run the archive does not hold is a problem.")
    String runId;

    @Mixin
    VerbosityOptions verbosity = new VerbosityOptions();

    @Override
    public Integer call() throws IOException {
        LoggingSetup.apply(verbosity.level(), null);
        if (runId != null && (runId.contains("/") || !isKey(runId))) {
            throw new ConfigException("--run-id: '" + runId + "' is not a run id (a directory name of the archive)");
        }
        Path file = config.fileOrEnv(); // optional here: the archive settings may all be flags or variables
        RetentionConfig loaded = file == null ? null : ConfigLoader.load(file);
        Sources sources = new Sources(SettingOptions.ALL, SettingOptions.typed(spec.commandLine().getParseResult()),
                System.getenv(), loaded);
        ArchiveDestination destination = ArchiveDestination.resolve(sources);
        if (destination == null) {
            throw new ConfigException("no archive to verify: set --archive-dir or --archive-url");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ArchiveStore store = Wiring.openStore(destination, false, ArchiveDestination.origin(sources))) {
            ArchiveVerification verification = ArchiveVerifier.verify(store, Optional.ofNullable(runId));
            verification.problems().forEach(out::println);
            out.println(verification.summary());
            out.flush();
            return verification.ok() ? ExitCode.COMPLETED.code() : ExitCode.FAILED.code();
        }
    }

    private static boolean isKey(String text) {
        try {
            ArchiveLayout.checkKey(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

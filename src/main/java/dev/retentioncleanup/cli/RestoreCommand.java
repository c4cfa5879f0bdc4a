package dev.retentioncleanup.cli;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.TableRef;
import dev.retentioncleanup.execute.Restorer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        modelTransformer = SettingOptions.Restore.class, // connection, guards, archive
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Put an archived run's rows back: verify the run's archive first, then insert its files",
            "parents first (targets, then their descendants from the root down), one transaction per",
            "file, the guards consulted before each. A row that already exists fails the restore",
            "unless --skip-existing. Exit 0 when done, 1 when the archive or a file fails, 3 when a",
            "guard stops it (the files before stay restored; --skip-existing finishes the job).",
            ""
        },
        footer = {
            "",
            "Rows that ON DELETE SET NULL children referenced are restored, but those children's",
            "references stay NULL: the archive holds only deleted rows (docs/archive.md)."
        })
public final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--run-id", paramLabel = "ID", required = true, order = 2,
            description = "The run to restore (the report's run_id; its directory in the archive).")
    String runId;

    @Option(names = "--tenant", paramLabel = "ID", order = 3,
            description = "Only this tenant's rows (the policy key value); repeatable.")
    List<String> tenants = new ArrayList<>();

    @Option(names = "--table", paramLabel = "TABLE", order = 4,
            description = "Only this table's files ('table' or 'schema.table'); repeatable.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--skip-existing", order = 5, description = "Leave rows that already exist; insert the others.")
    boolean skipExisting;

    @Option(names = "--dry-run", order = 6,
            description = "Count what would be inserted, per file, and roll back; change nothing.")
    boolean dryRun;

    @Mixin
    VerbosityOptions verbosity = new VerbosityOptions();

    @Override
    public Integer call() {
        Invocation invocation = Invocation.of(spec, config, verbosity);
        List<TableRef> refs = new ArrayList<>();
        for (String table : tables) {
            try {
                refs.add(TableRef.parse(table));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--table " + table + ": " + e.getMessage(), e);
            }
        }
        Restorer.Request request = new Restorer.Request(runId, List.copyOf(tenants), refs, dryRun, skipExisting);
        return Wiring.restore(invocation, request, spec.commandLine().getOut());
    }
}

package dev.retentioncleanup.cli;

import dev.retentioncleanup.ExitCode;
import dev.retentioncleanup.config.RetentionConfig;
import dev.retentioncleanup.db.SessionPinning;
import dev.retentioncleanup.guard.Guards;
import dev.retentioncleanup.plan.Finding;
import dev.retentioncleanup.plan.Preflight;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Runs the preflight and prints its findings, errors first; exit 1 when any is an error. */
final class CheckRunner {
    private CheckRunner() {
    }

    /** @param local findings made without the database, such as output files that cannot be written */
    static int run(DataSource dataSource, RetentionConfig config, Guards guards, List<Finding> local, PrintWriter out) {
        List<Finding> findings = new ArrayList<>(local);
        try {
            // Before the preflight takes a connection: the probe needs all of the pool's at once.
            Optional<String> unpinned = SessionPinning.problem(dataSource);
            if (unpinned.isPresent()) {
                // The catalog reads themselves fail there (pgjdbc's prepared statements land in other sessions).
                findings.add(new Finding(Finding.Severity.ERROR, "server", unpinned.get() + ": a run would exit 2"));
                findings.add(new Finding(Finding.Severity.INFO, "server", "config, catalog, privileges and guards"
                        + " not checked: they need a session of their own"));
            } else {
                try (Connection connection = dataSource.getConnection()) {
                    findings.addAll(Preflight.run(connection, config));
                    // A guard this role cannot read makes every run stop before deleting (fail closed): an error now.
                    guards.unreadable(connection).forEach(p -> findings.add(
                            new Finding(Finding.Severity.ERROR, "guard " + p.guard(), p.message())));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("check failed: " + e.getMessage(), e);
        }
        long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
        findings.stream()
                .sorted(java.util.Comparator.comparing(Finding::severity))
                .forEach(f -> out.printf("%-7s %s: %s%n", f.severity(), f.subject(), f.message()));
        out.printf("check: %d error(s), %d warning(s)%n", errors, warnings);
        out.flush();
        return errors > 0 ? ExitCode.FAILED.code() : ExitCode.COMPLETED.code();
    }
}

package dev.retentioncleanup.differential;

import dev.retentioncleanup.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * One try: lay out the scenario in the database, run check, dry run and run(s), and compare everything with the
 * oracle. Returns the differences (empty: the tool kept the contract) and what a reproduction needs.
 */
final class Trial {
    private final TestDatabase db;
    private final Path work;

    Trial(TestDatabase db, Path work) {
        this.db = db;
        this.work = work;
    }

    /** Everything about one try that a failure report or the coverage counts need. */
    record Result(Scenario scenario, Dataset data, String config, List<String> commands, List<String> problems,
            List<String> tags, Map<String, Long> millis) {
    }

    /** Milliseconds per phase of the current try, so the suite can say where its time goes. */
    private final Map<String, Long> millis = new java.util.LinkedHashMap<>();
    private long lap;

    private void lap(String phase) {
        long now = System.nanoTime();
        millis.merge(phase, (now - lap) / 1_000_000, Long::sum);
        lap = now;
    }

    Result run(long seed, Set<Family> families) throws IOException, SQLException {
        millis.clear();
        lap = System.nanoTime();
        Scenario scenario = ScenarioGenerator.generate(seed, families);
        Path dir = Files.createDirectories(work.resolve("try-" + Long.toUnsignedString(seed, 16)));
        ArchiveCheck.Plan archive = ArchiveCheck.Plan.of(seed, scenario, dir);
        Dataset data = DataGenerator.generate(scenario, archive.on());
        String yaml = ConfigRenderer.render(scenario);
        Path config = Files.writeString(dir.resolve("retention.yml"), yaml);
        ToolRunner tool = new ToolRunner(db.jdbcUrl(), dir, scenario, config);
        Differences differences = new Differences(scenario);
        List<String> tags = new ArrayList<>();
        try (Connection connection = db.connect()) {
            lap("generate");
            load(connection, scenario, data);
            lap("load");
            Map<Integer, Set<Long>> before = Snapshot.rids(connection, scenario);
            if (scenario.defect() != null) {
                refused(connection, scenario, tool, before, differences);
            } else {
                compare(connection, scenario, tool, before, differences, tags, archive);
            }
        } catch (SQLException | RuntimeException e) {
            // The harness's own failure (a schema that does not load, an oracle query that fails): still reproducible.
            differences.add("harness error: " + e);
        }
        return new Result(scenario, data, yaml, tool.commands(), differences.problems(), tags, Map.copyOf(millis));
    }

    /** Fresh schemas and the server zone for this try; the data in one transaction (one now()). */
    private void load(Connection connection, Scenario scenario, Dataset data) throws SQLException {
        try (Statement st = connection.createStatement()) {
            List<String> schemas = new ArrayList<>(ScenarioGenerator.SCHEMAS);
            schemas.add(Snapshot.SCHEMA);
            schemas.add("retention_detached"); // partitions: detach moves partitions here; each try starts without them
            st.execute("DROP SCHEMA IF EXISTS " + String.join(", ", schemas.stream().map(Sql::ident).toList()) + " CASCADE");
            st.execute(DdlRenderer.timeZoneStatement(scenario));
            for (String ddl : DdlRenderer.render(scenario)) {
                execute(st, ddl);
            }
            connection.setAutoCommit(false);
            for (String insert : data.statements(scenario)) {
                execute(st, insert);
            }
            connection.commit();
            connection.setAutoCommit(true);
            Snapshot.copy(connection, scenario);
        }
    }

    private static void execute(Statement st, String sql) throws SQLException {
        try {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n  in: " + sql, e.getSQLState(), e);
        }
    }

    /** The contract: check says error (exit 1), run and dry run are configuration errors (exit 2), nothing goes. */
    private void refused(Connection connection, Scenario scenario, ToolRunner tool, Map<Integer, Set<Long>> before,
            Differences differences) throws SQLException {
        differences.expectExit("check on " + scenario.defect().description(), tool.check(), 1);
        differences.expectExit("dry run on " + scenario.defect().description(), tool.run("--dry-run"), 2);
        differences.expectExit("run on " + scenario.defect().description(), tool.run(), 2);
        differences.nothingGone("run on " + scenario.defect().description(), before, Snapshot.rids(connection, scenario));
    }

    private void compare(Connection connection, Scenario scenario, ToolRunner tool, Map<Integer, Set<Long>> before,
            Differences differences, List<String> tags, ArchiveCheck.Plan archivePlan) throws SQLException {
        Oracle oracle = new Oracle(connection, scenario);
        Oracle.Tenants tenants = oracle.tenants();
        Random flags = new Random(scenario.seed() * 17 + 3);
        ArchiveCheck archiveCheck = new ArchiveCheck(connection, scenario, differences);
        String refusal = archivePlan.on() ? ArchiveCheck.refusal(scenario) : null;
        ArchiveCheck.Plan archive = refusal != null ? ArchiveCheck.Plan.OFF : archivePlan;
        if (refusal != null) {
            // Archiving could not keep every deleted row whole: refused before anything is touched.
            String what = "run with an archive, " + refusal;
            differences.expectExit(what, tool.run(archivePlan.flags().toArray(String[]::new)), 2);
            differences.nothingGone(what, before, Snapshot.rids(connection, scenario));
            tags.add("archive: refused, " + (refusal.contains("INHERITS") ? "INHERITS children" : "a CASCADE child left out"));
        } else if (archive.on()) {
            tags.add("archive: on" + (archive.restore() ? ", restored" : ""));
        }
        Map<Integer, List<String>> restoreTo = archive.restore() ? archiveCheck.state() : null;

        if (flags.nextInt(4) == 0) {
            // Only some tries: check costs as much as a run, and the refused shapes test it where it matters.
            differences.expectExit("check on a valid scenario", tool.check(), 0);
            lap("tool: check");
        }

        ToolRunner.Result dry = tool.run(with(archive, List.of("--dry-run")));
        lap("tool: dry run");
        if (!differences.expectExit("dry run", dry, 0)) {
            return; // a valid scenario refused: said once, the rest would only repeat it
        }
        ReportView dryReport = new ReportView(dry.report());
        tenantsAgree("dry run", dryReport, tenants, differences);
        Expectation atDry = oracle.expect(cutoffs(oracle, dryReport, tenants, scenario, differences),
                scenario.runZone());
        lap("oracle");
        tags.add("oracle: rows deleted > 0: " + atDry.gone().values().stream().anyMatch(g -> !g.isEmpty()));
        tags.add("oracle: held rows > 0: " + !atDry.held().isEmpty());
        differences.counts("dry run: rows per table", dryReport.tables(), atDry.toolCounts());
        differences.same("dry run: target rows per tenant", dryReport.tenantRows(), byDisplay(scenario, atDry.targetRows()));
        held("dry run", dryReport, atDry, scenario, differences);

        List<String> batching = batching(flags);
        boolean interrupt = scenario.families().contains(Family.INTERRUPT) && atDry.targetTotal() >= 2
                && flags.nextInt(3) == 0;
        Map<String, Long> runCounts = new TreeMap<>();
        List<String> runIds = new ArrayList<>();
        boolean detached = false;
        ReportView last;
        if (interrupt) {
            tags.add("run: interrupted by --max-rows and run again");
            long maxRows = 1 + flags.nextInt((int) atDry.targetTotal() - 1);
            List<String> first = new ArrayList<>(List.of("--max-rows", Long.toString(maxRows), "--batch-size",
                    Integer.toString(1 + flags.nextInt(3))));
            lap("compare");
            ToolRunner.Result stopped = tool.run(with(archive, first));
            lap("tool: run");
            if (stopped.report() == null || stopped.exitCode() != 0 && stopped.exitCode() != 5) {
                differences.expectExit("run stopped by --max-rows", stopped, 0, 5);
                return;
            }
            ReportView stoppedReport = new ReportView(stopped.report());
            Expectation atStop = oracle.expect(cutoffs(oracle, stoppedReport, tenants, scenario, differences),
                    scenario.runZone());
            // A thread of self-referencing rows goes whole (docs/what-is-deleted.md), so it may take the run past
            // --max-rows to the end of the backlog: then it completed.
            boolean threads = scenario.families().contains(Family.SELFREF);
            differences.expectExit("run stopped by --max-rows " + maxRows + " (oracle: " + atStop.targetTotal()
                    + " target rows)", stopped, atStop.targetTotal() > maxRows && !threads ? new int[] {5}
                            : new int[] {0, 5});
            differences.rowsGoneWithin("run stopped by --max-rows", before, Snapshot.rids(connection, scenario),
                    atStop.gone());
            stoppedReport.tables().forEach((t, n) -> runCounts.merge(t, n, Long::sum));
            runIds.add(stoppedReport.runId());
            detached = stoppedReport.detachedAny();
        }
        lap("compare");
        ToolRunner.Result run = tool.run(with(archive, batching));
        lap("tool: run");
        if (!differences.expectExit(interrupt ? "run after a stopped run" : "run", run, 0)) {
            // Whatever it committed before failing must still be rows the contract lets go (at its own cutoffs).
            boolean planned = run.report() != null && new ReportView(run.report()).databaseNow() != null;
            Expectation allowed = planned ? oracle.expect(cutoffs(oracle, new ReportView(run.report()), tenants,
                    scenario, differences), scenario.runZone()) : atDry;
            differences.rowsGoneWithin("failed run", before, Snapshot.rids(connection, scenario), allowed.gone());
            return;
        }
        last = new ReportView(run.report());
        runIds.add(last.runId());
        last.tables().forEach((t, n) -> runCounts.merge(t, n, Long::sum));
        tenantsAgree("run", last, tenants, differences);
        Expectation atRun = oracle.expect(cutoffs(oracle, last, tenants, scenario, differences), scenario.runZone());
        lap("oracle");
        differences.rowsGone("run", before, Snapshot.rids(connection, scenario), atRun.gone());
        differences.counts("run: rows per table" + (interrupt ? " (both runs)" : ""), runCounts, atRun.toolCounts());
        if (!interrupt) {
            differences.same("run: target rows per tenant", last.tenantRows(), byDisplay(scenario, atRun.targetRows()));
            held("run", last, atRun, scenario, differences);
        }
        if (atDry.gone().equals(atRun.gone())) {
            differences.same("dry run against run: rows per table", dryReport.tables(), runCounts);
            if (!interrupt && batching.isEmpty()) {
                // Under the same flags only: a smaller --max-rows-per-transaction can keep a partition whose
                // referencing rows would not fit, which changes what goes whole but never what goes.
                differences.same("dry run against run: partitions removed", dryReport.partitions(), last.partitions());
            }
        }
        tags.add("run: partitions removed whole > 0: " + !last.partitions().isEmpty());
        if (last.timeZone() != null) {
            differences.same("run: time_zone", last.timeZone(), scenario.runZone());
        }
        lap("compare");
        tags.add("run: batching " + (batching.isEmpty() ? "default" : String.join(" ", batching)));
        if (archive.on()) {
            List<String> archivedRuns = archiveCheck.archived(tool, archive, runIds, before,
                    Snapshot.rids(connection, scenario));
            tags.add("archive: runs with a manifest " + archivedRuns.size() + " of " + runIds.size());
            tags.add("archive: rows archived > 0: " + runCounts.values().stream().anyMatch(n -> n > 0));
            lap("archive: check");
            if (archive.restore() && (detached || last.detachedAny())) {
                // A detached partition still holds its rows, unarchived: restore is compared where none was.
                tags.add("archive: restore skipped, partitions detached");
            } else if (archive.restore()) {
                archiveCheck.restored(tool, archive, archivedRuns, restoreTo);
                lap("archive: restore");
            }
        }
    }

    /** The run's flags after the archive's (if any). */
    private static String[] with(ArchiveCheck.Plan archive, List<String> flags) {
        List<String> all = new ArrayList<>(archive.flags());
        all.addAll(flags);
        return all.toArray(String[]::new);
    }

    /** Random batch bounds, so that keyset steps, drains and single-row batches all happen. */
    private static List<String> batching(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> List.of("--batch-size", "1");
            case 1 -> List.of("--batch-size", "2", "--max-rows-per-transaction", "3");
            case 2 -> List.of("--batch-size", "5");
            default -> List.of();
        };
    }

    /**
     * The oracle's cutoffs from the run's own {@code now()} (the tool's clock is not the oracle's); the cutoffs the
     * report lists must be exactly those.
     */
    private static Map<String, java.time.Instant> cutoffs(Oracle oracle, ReportView report, Oracle.Tenants tenants,
            Scenario scenario, Differences differences) throws SQLException {
        Map<String, java.time.Instant> all = oracle.cutoffs(report.databaseNow(), tenants, scenario.runZone());
        Map<String, java.time.Instant> listed = new TreeMap<>(all);
        listed.keySet().retainAll(report.cutoffs().keySet());
        differences.same("reported cutoffs (now() - days in " + scenario.runZone() + ")", report.cutoffs(), listed);
        return all;
    }

    private static void tenantsAgree(String what, ReportView report, Oracle.Tenants tenants, Differences differences) {
        Set<String> unknown = new java.util.TreeSet<>(report.cutoffs().keySet());
        unknown.removeAll(tenants.days().keySet());
        differences.same(what + ": listed tenants without a cutoff", unknown, Set.of());
        differences.same(what + ": skipped tenants", report.skipped(), tenants.skipped().keySet());
    }

    private static void held(String what, ReportView report, Expectation expected, Scenario scenario,
            Differences differences) {
        Map<String, Long> want = new TreeMap<>();
        expected.held().forEach((id, n) -> want.put(scenario.table(id).display(), n));
        Map<String, Long> reported = report.held();
        if (reported == null) {
            if (!want.isEmpty()) {
                differences.add(what + ": the report has no held rows, the oracle holds " + want);
            }
            return;
        }
        differences.same(what + ": held", reported, want);
    }

    private static Map<String, Map<String, Long>> byDisplay(Scenario scenario, Map<String, Map<Integer, Long>> rows) {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        rows.forEach((tenant, byTable) -> byTable.forEach((id, n) -> {
            if (n > 0) {
                result.computeIfAbsent(tenant, t -> new TreeMap<>()).put(scenario.table(id).display(), n);
            }
        }));
        return result;
    }
}

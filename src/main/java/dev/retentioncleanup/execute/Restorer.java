package dev.retentioncleanup.execute;

import static org.jooq.impl.DSL.name;

import dev.retentioncleanup.archive.ArchiveLayout;
import dev.retentioncleanup.archive.ArchiveStore;
import dev.retentioncleanup.archive.Manifest;
import dev.retentioncleanup.archive.ManifestFile;
import dev.retentioncleanup.archive.Manifests;
import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.TableRef;
import dev.retentioncleanup.db.Catalog;
import dev.retentioncleanup.db.IndexInfo;
import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.plan.GraphNode;
import dev.retentioncleanup.plan.TargetPlan;
import dev.retentioncleanup.retry.Sleeper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * Puts an archived run's rows back: parents first (each target, then its descendants from the root down), one
 * transaction per archive file (a file holds one transaction's rows of one table, so each is as bounded as the batch
 * that deleted them), the guards consulted before each. A file's rows are copied into a temporary table, then
 * inserted (only those of the chosen tenants, when tenants are given); a row that already exists fails the restore
 * unless existing rows are to be skipped. A dry run copies and counts, then rolls back: it keeps nothing (for some
 * tenants, it inserts every file in one transaction, to find their descendants through their parents, and rolls
 * that back).
 */
public final class Restorer {
    private static final Name ROWS = name("pg_temp", "retention_restore_rows");

    private final ArchiveStore store;
    private final List<TargetPlan> targets;
    private final Catalog catalog;
    private final Clearance clearance;

    /** Before each file: null to go on, or why the restore must stop. */
    @FunctionalInterface
    public interface Clearance {
        String check() throws InterruptedException;
    }

    /**
     * @param tenants  only rows of these tenants; empty: all
     * @param tables   only these tables; empty: all
     */
    public record Request(String runId, List<String> tenants, List<TableRef> tables, boolean dryRun,
            boolean skipExisting) {
    }

    /** One file restored (or, in a dry run, that would be): rows chosen from it, inserted, already there. */
    public record Restored(TableName table, String path, long chosen, long inserted, long existing) {
    }

    /** The guards, consulted as before a batch: they pause the restore, or stop it. */
    public static Clearance guarded(Safety safety, DataSource dataSource, Clock clock) {
        GuardGate gate = new GuardGate(safety.guards(), dataSource, safety.guardWait(), safety.guardInterval(), clock,
                Sleeper.SYSTEM, RunListener.NONE,
                new StopSignal());
        return () -> {
            StopSignal.Request stop = gate.clearance();
            return stop == null ? null : stop.reason();
        };
    }

    public Restorer(ArchiveStore store, List<TargetPlan> targets, Catalog catalog, Clearance clearance) {
        this.store = store;
        this.targets = List.copyOf(targets);
        this.catalog = catalog;
        this.clearance = clearance;
    }

    /** The run's manifest; a run without one is unknown or not reconciled yet. */
    public Manifest manifest(String runId) throws IOException {
        try (InputStream in = store.open(ArchiveLayout.manifestKey(runId))) {
            return Manifests.read(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--run-id " + runId + ": no manifest at " + store.location() + "/"
                    + ArchiveLayout.manifestKey(runId) + " (unknown run, or a run not reconciled yet)");
        }
    }

    /**
     * Restores the files the request chooses, in order; each one told to {@code done} as it commits.
     *
     * @return null when every file went, else why it stopped (the files before it stay restored)
     */
    public String restore(Connection connection, Manifest manifest, Request request,
            Consumer<Restored> done) throws SQLException, IOException, InterruptedException {
        Map<TableName, Placement> order = order();
        List<Chosen> files = new ArrayList<>();
        for (ManifestFile file : manifest.files()) {
            Placement placement = order.values().stream().filter(p -> p.table().display().equals(file.table()))
                    .findFirst().orElseThrow(() -> new ConfigException("the archive's table " + file.table()
                            + " is in no target's delete graph of this config"));
            if (request.tables().isEmpty() || request.tables().stream().anyMatch(t -> matches(t, placement.table()))) {
                files.add(new Chosen(placement, file));
            }
        }
        // A table's files newest batch first: a row deleted in an earlier batch may reference (self-reference) a row
        // of the same table deleted in a later one, which was still there; never the other way round.
        files.sort(Comparator.comparingInt((Chosen c) -> c.placement().rank())
                .thenComparing(c -> c.file().batch(), Comparator.reverseOrder()));
        // A dry run for some tenants inserts every file in one transaction and rolls it back: a descendant belongs
        // to a tenant through parent rows that only an insert puts back.
        boolean trial = request.dryRun() && !request.tenants().isEmpty();
        connection.setAutoCommit(false);
        try {
            for (Chosen chosen : files) {
                String stop = clearance.check();
                if (stop != null) {
                    return stop;
                }
                Restored restored = restoreFile(connection, manifest.runId(), chosen, request, trial);
                if (request.dryRun() && !trial) {
                    connection.rollback();
                } else if (!trial) {
                    connection.commit();
                }
                done.accept(restored);
            }
            return null;
        } finally {
            connection.rollback(); // a trial's inserts, or what a failed file did
            connection.setAutoCommit(true);
        }
    }

    private record Placement(TableName table, TargetPlan target, int rank) {
    }

    private record Chosen(Placement placement, ManifestFile file) {
    }

    /**
     * Every table of the config's graphs, parents first across all of them: a table two targets share (or a diamond
     * across targets) comes after its parents in every graph, not only in the first target's; and after the tables
     * its other foreign keys point at (an {@code ON DELETE SET NULL} reference between two archived tables, archived
     * non-null when its row went first). A cycle of those other keys yields to the graph's own order.
     */
    private Map<TableName, Placement> order() {
        Map<TableName, TargetPlan> owners = new LinkedHashMap<>();
        Map<TableName, Set<TableName>> links = new HashMap<>();
        for (TargetPlan target : targets) {
            owners.putIfAbsent(target.table(), target);
            links.computeIfAbsent(target.table(), t -> new HashSet<>());
            for (GraphNode node : target.graph().descendantsLeafFirst()) {
                owners.putIfAbsent(node.table(), target);
                Set<TableName> of = links.computeIfAbsent(node.table(), t -> new HashSet<>());
                node.parents().forEach(link -> of.add(link.parent()));
            }
        }
        Map<TableName, Set<TableName>> references = new HashMap<>();
        for (TableName table : owners.keySet()) {
            Set<TableName> of = references.computeIfAbsent(table, t -> new HashSet<>(links.get(t)));
            catalog.referencing(table).forEach(fk -> references.computeIfAbsent(fk.child(),
                    t -> new HashSet<>(links.getOrDefault(t, Set.of()))).add(table));
            of.remove(table);
        }
        Map<TableName, Placement> order = new LinkedHashMap<>();
        while (order.size() < owners.size()) {
            if (!placeReady(owners, references, order) && !placeReady(owners, links, order)) {
                throw new IllegalStateException("the config's graphs reference each other in a cycle: "
                        + owners.keySet().stream().filter(t -> !order.containsKey(t)).toList());
            }
        }
        return order;
    }

    /** Places the first table whose {@code parents} are all placed (or outside the graphs); false when none is. */
    private static boolean placeReady(Map<TableName, TargetPlan> owners, Map<TableName, Set<TableName>> parents,
            Map<TableName, Placement> order) {
        for (Map.Entry<TableName, TargetPlan> owner : owners.entrySet()) {
            TableName table = owner.getKey();
            if (!order.containsKey(table) && parents.getOrDefault(table, Set.of()).stream()
                    .allMatch(p -> p.equals(table) || order.containsKey(p) || !owners.containsKey(p))) {
                order.put(table, new Placement(table, owner.getValue(), order.size()));
                return true;
            }
        }
        return false;
    }

    private static boolean matches(TableRef ref, TableName table) {
        return ref.table().equals(table.name()) && (ref.schema() == null || ref.schema().equals(table.schema()));
    }

    /**
     * One file in the connection's transaction, uncommitted: its partitions created again if dropped, its rows copied
     * into a temporary table, counted, and (unless a plain dry run) inserted; in a {@code trial} existing rows are
     * skipped and counted, as a restore with {@code --skip-existing} would.
     */
    private Restored restoreFile(Connection connection, String runId, Chosen chosen, Request request, boolean trial)
            throws SQLException, IOException {
        TableName table = chosen.placement().table();
        String path = chosen.file().path();
        recreate(connection, chosen.file().partitions());
        Sql.execute(connection, DSL.query("drop table if exists {0}", DSL.table(ROWS)));
        Sql.execute(connection, DSL.query("create temporary table {0} (like {1}) on commit drop", DSL.table(ROWS),
                DSL.table(table.qualifiedName())));
        List<String> columns;
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(store.open(runId + "/" + path),
                64 * 1024))) {
            columns = CsvHeader.read(in);
            String copy = Sql.POSTGRES.render(DSL.query("copy {0} ({1}) from stdin with (format csv)",
                    DSL.table(ROWS), DSL.list(columns.stream().map(c -> DSL.field(name(c))).toList())));
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, in);
        }
        Select<?> chosenRows = chosenRows(chosen.placement(), request.tenants());
        long count = Sql.value(connection, DSL.field("(select count(*) from ({0}) r)", Long.class, chosenRows));
        if (request.dryRun() && !trial) {
            return new Restored(table, path, count, 0, existing(connection, table, chosenRows));
        }
        List<Field<Object>> insertable = insertable(connection, table, columns);
        Query insert = DSL.query("insert into {0} ({1}) overriding system value select {2} from ({3}) r{4}",
                DSL.table(table.qualifiedName()), DSL.list(insertable),
                DSL.list(insertable.stream().map(f -> DSL.field(name("r", f.getName()))).toList()), chosenRows,
                DSL.raw(request.skipExisting() || trial ? " on conflict do nothing" : ""));
        long inserted;
        try {
            inserted = Sql.execute(connection, insert);
        } catch (SQLException e) {
            RestoreException meaning = meaning(e, path, table);
            if (meaning != null) {
                throw meaning;
            }
            throw e;
        }
        return new Restored(table, path, count, trial ? 0 : inserted, count - inserted);
    }

    /**
     * Creates again, in the file's transaction, the partitions its rows were in when they were dropped whole (those
     * that do not exist now), parents first; their indexes and foreign keys come from the parent as on any new
     * partition. The bounds and partition keys are the server's own text; anything else is refused.
     */
    private static void recreate(Connection connection, List<ManifestFile.DroppedPartition> partitions)
            throws SQLException {
        for (ManifestFile.DroppedPartition p : partitions) {
            TableName partition = new TableName(p.schema(), p.name());
            if (Sql.value(connection, DSL.field("to_regclass({0}) is not null", Boolean.class,
                    DSL.val(partition.sql())))) {
                continue;
            }
            if (!p.bounds().matches("(?s)(FOR VALUES .*|DEFAULT)")
                    || p.partitionBy() != null && !p.partitionBy().matches("(?s)(RANGE|LIST|HASH) \\(.*\\)")) {
                throw new RestoreException("the manifest's partition " + p.schema() + "." + p.name()
                        + " has bounds or a partition key that are not the server's: " + p.bounds() + " "
                        + p.partitionBy(), null);
            }
            Sql.execute(connection, DSL.query("create table {0} partition of {1} {2}{3}",
                    DSL.table(partition.qualifiedName()), DSL.table(new TableName(p.parentSchema(), p.parent())
                            .qualifiedName()), DSL.raw(p.bounds()),
                    DSL.raw(p.partitionBy() == null ? "" : " partition by " + p.partitionBy())));
        }
    }

    /** What a failed insert means for the user, when its state says so; null for any other error. */
    private static RestoreException meaning(SQLException e, String path, TableName table) {
        String server = e.getMessage().replaceAll("\\s+", " ");
        return switch (String.valueOf(e.getSQLState())) {
            case "23505" -> new RestoreException("a row of " + path + " already exists in " + table.display() + " ("
                    + server + "); --skip-existing restores the others", e);
            case "23503" -> new RestoreException("a row of " + path + " references a row that is not in the database ("
                    + server + "); restore its parents' tables too (--table), or the rows of its tenant", e);
            case "23514" -> server.contains("no partition") ? new RestoreException("a row of " + path
                    + " has no partition of " + table.display() + " to go to (" + server + "): create the partition"
                    + " first", e) : null;
            default -> null;
        };
    }

    /** The temporary table's rows to insert: all, or those of the tenants asked for. */
    private Select<?> chosenRows(Placement placement, List<String> tenants) {
        Table<?> rows = DSL.table(ROWS);
        if (tenants.isEmpty()) {
            return DSL.select(DSL.asterisk()).from(rows);
        }
        Table<?> chosenTenants = DSL.table("(select unnest({0}) as tenant, null::timestamptz as cutoff)",
                BatchRows.arrayLiteral(tenants, "text")).as(name("c"));
        return new Statements(placement.target()).withCutoffs(chosenTenants).rowsOfTenants(placement.table(), rows);
    }

    /** Rows chosen that the table already has: the same primary key, or without one the same row text. */
    private long existing(Connection connection, TableName table, Select<?> chosen) throws SQLException {
        List<String> key = catalog.indexesOn(table).stream().filter(IndexInfo::primary).findFirst()
                .map(IndexInfo::columns).orElse(List.of());
        Condition same = key.isEmpty()
                ? DSL.condition("e::text = r::text")
                : DSL.and(key.stream().map(k -> DSL.field(name("e", k)).eq(DSL.field(name("r", k)))).toList());
        return Sql.value(connection, DSL.field("(select count(*) from ({0}) r where exists (select from {1} e where {2}))",
                Long.class, chosen, DSL.table(table.qualifiedName()), same));
    }

    /** The archived columns that take a value: generated columns are computed again by the insert. */
    private static List<Field<Object>> insertable(Connection connection, TableName table, List<String> columns)
            throws SQLException {
        List<String> generated = new ArrayList<>();
        Sql.forEach(connection, DSL.resultQuery("select attname from pg_attribute where attrelid = {0}::regclass"
                + " and attgenerated <> '' and not attisdropped", DSL.val(table.sql())),
                row -> generated.add(row.getString(1)));
        return columns.stream().filter(c -> !generated.contains(c)).map(c -> DSL.field(name(c))).toList();
    }
}

package dev.retentioncleanup.differential;

import dev.retentioncleanup.archive.Manifest;
import dev.retentioncleanup.archive.ManifestFile;
import dev.retentioncleanup.archive.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * The archive (issue 13) in the differential suite: on a share of tries every run gets {@code --archive-dir}; then
 * the archive must hold exactly the rows the runs deleted, each once, in the files the manifests list and no
 * others, {@code verify-archive} must pass, and (on half of them) restoring every run must put every table back.
 *
 * <p>Rows are compared as text: {@code ROW(columns)::text} over the table's own columns (an INHERITS child's extra
 * ones left out) except the columns of SET NULL / SET DEFAULT references. The database nulls those when the
 * referenced row goes, so a row's text can change before the row is itself deleted and archived, and a restore
 * brings the referenced row back but not the reference (documented). Every other column, {@code _rid} included,
 * is compared, so every row text is unique.
 */
final class ArchiveCheck {
    private final Connection connection;
    private final Scenario scenario;
    private final Differences differences;

    ArchiveCheck(Connection connection, Scenario scenario, Differences differences) {
        this.connection = connection;
        this.scenario = scenario;
        this.differences = differences;
    }

    /** Whether a try archives (one in three valid ones) and restores (half of those); {@link #OFF} when not. */
    record Plan(Path dir, boolean restore) {
        static final Plan OFF = new Plan(null, false);

        /** Archive every valid try ({@code scripts/fuzz.sh --archive-all}), not one in three. */
        static final String ALL = "fuzz.archiveAll";

        /** From a random stream of its own, so that every seed keeps its scenario. */
        static Plan of(long seed, Scenario scenario, Path tryDir) throws IOException {
            Random random = new Random(seed * 0x9E3779B97F4A7C15L + 13);
            boolean archive = random.nextInt(3) == 0 || Boolean.getBoolean(ALL);
            boolean restore = random.nextBoolean();
            if (scenario.defect() != null || !archive) {
                return OFF;
            }
            Path dir = tryDir.resolve("archive");
            deleteTree(dir); // a seed tried again reuses its directory: each try starts with an empty archive
            return new Plan(Files.createDirectories(dir), restore);
        }

        /** What a rerun of a seed needs to archive as this run did. */
        static String rerunFlag() {
            return Boolean.getBoolean(ALL) ? " --archive-all" : "";
        }

        boolean on() {
            return dir != null;
        }

        List<String> flags() {
            return on() ? List.of("--archive-dir", dir.toString()) : List.of();
        }
    }

    /**
     * Why a run with an archive must be refused before anything is touched, or null: a table of a target's graph with
     * INHERITS children (their rows would be archived with the parent's columns only), or a declared ON DELETE
     * CASCADE link into the graph from a table the graph leaves out (skip_children, children: none; the database
     * would delete its rows unarchived).
     */
    static String refusal(Scenario scenario) {
        for (Target target : scenario.targets()) {
            Set<Integer> graph = TargetGraph.of(scenario, target).tables();
            for (int table : graph) {
                if (!scenario.table(table).inheritChildren().isEmpty()) {
                    return scenario.table(table).display() + " has INHERITS children";
                }
            }
            for (Link link : scenario.links()) {
                if (link.declared() && link.onDelete() == OnDelete.CASCADE && graph.contains(link.parent())
                        && !graph.contains(link.child())) {
                    return scenario.table(link.child()).display() + " (ON DELETE CASCADE) left out of the graph";
                }
            }
        }
        return null;
    }

    /**
     * Every table's rows (its partitions' included) as row text: what a restore must bring back. Not which physical
     * table holds a row (graphs with INHERITS children are refused an archive).
     */
    Map<Integer, List<String>> state() throws SQLException {
        Map<Integer, List<String>> state = new LinkedHashMap<>();
        for (Table table : scenario.tables()) {
            state.put(table.id(), texts("SELECT " + rowText(table) + " FROM " + table.sql() + " t", null));
        }
        return state;
    }

    /**
     * The archive after the runs {@code runIds} (in order): verify-archive passes, only listed files, and per table
     * the archived rows are the rows gone between {@code before} and {@code after}, as multisets. Returns the runs
     * that have a manifest, for {@link #restored}.
     */
    List<String> archived(ToolRunner tool, Plan plan, List<String> runIds, Map<Integer, Set<Long>> before,
            Map<Integer, Set<Long>> after) throws SQLException {
        differences.expectExit("verify-archive after the run(s)", tool.verifyArchive(plan.dir()), 0);
        Set<String> files = files(plan.dir());
        Map<Integer, List<String>> archived = new HashMap<>();
        List<String> manifested = new ArrayList<>();
        for (String runId : runIds) {
            Path manifestFile = plan.dir().resolve(runId).resolve("manifest.json");
            if (!Files.exists(manifestFile)) {
                continue; // a run that archived nothing may write none; verify-archive vouches for the rest
            }
            manifested.add(runId);
            files.remove(runId + "/manifest.json");
            for (ManifestFile file : manifest(manifestFile).files()) {
                files.remove(runId + "/" + file.path());
                load(plan.dir().resolve(runId).resolve(file.path()), runId, file, archived);
            }
        }
        if (!files.isEmpty()) {
            differences.add("archive: files no manifest of the run(s) " + runIds + " lists: " + files);
        }
        Set<Long> detached = detachedRids();
        for (Table table : scenario.tables()) {
            Set<Long> gone = new TreeSet<>(before.get(table.id()));
            gone.removeAll(after.get(table.id()));
            gone.removeAll(detached); // partitions: detach keeps them in the database, unarchived
            List<String> deleted = gone.isEmpty() ? List.of() : texts("SELECT " + rowText(table) + " FROM "
                    + Snapshot.table(table.id()) + " t WHERE t." + Sql.ident(Table.RID) + " = ANY (?)", gone);
            sameRows("archive: rows of " + table.display() + " archived against rows deleted",
                    archived.getOrDefault(table.id(), List.of()), deleted);
        }
        return manifested;
    }

    /** The rows of partitions that partitions: detach moved to retention_detached (every {@code _rid} is unique). */
    private Set<Long> detachedRids() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT format('%I.%I',"
                + " table_schema, table_name) FROM information_schema.tables WHERE table_schema = 'retention_detached'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Set<Long> rids = new TreeSet<>();
        for (String table : tables) {
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT " + Sql.ident(Table.RID) + " FROM " + table)) {
                while (rs.next()) {
                    rids.add(rs.getLong(1));
                }
            }
        }
        return rids;
    }

    /**
     * Restores each run whole, the last one first, and compares every table with {@code before} the runs. Newest
     * first: a row an earlier run deleted may reference one a later run deleted (it was still there), never the
     * other way round.
     */
    void restored(ToolRunner tool, Plan plan, List<String> runIds, Map<Integer, List<String>> before)
            throws SQLException {
        List<String> newestFirst = new ArrayList<>(runIds);
        java.util.Collections.reverse(newestFirst);
        for (String runId : newestFirst) {
            if (!differences.expectExit("restore --run-id " + runId, tool.restore(plan.dir(), runId), 0)) {
                return;
            }
        }
        Map<Integer, List<String>> now = state();
        for (Table table : scenario.tables()) {
            sameRows("restore: rows of " + table.display() + " against before the run(s)",
                    now.get(table.id()), before.get(table.id()));
        }
    }

    /** One archive file into a temporary copy of its physical table, its rows (as row text) to its table's list. */
    private void load(Path path, String runId, ManifestFile file, Map<Integer, List<String>> archived)
            throws SQLException {
        Map.Entry<Table, String> physical = physicalTables().get(file.table());
        if (physical == null) {
            differences.add("archive: " + runId + "/" + file.path() + " is of " + file.table()
                    + ", no table of the scenario");
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_temp.fz_archived");
            st.execute("CREATE TEMP TABLE fz_archived (LIKE " + physical.getValue() + ")");
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
            long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY pg_temp.fz_archived FROM STDIN WITH (FORMAT csv, HEADER)", in);
            if (copied != file.rows()) {
                differences.add("archive: " + runId + "/" + file.path() + " holds " + copied + " rows, its manifest says "
                        + file.rows());
            }
        } catch (IOException e) {
            differences.add("archive: " + runId + "/" + file.path() + " does not read: " + e);
            return;
        }
        Table table = physical.getKey();
        archived.computeIfAbsent(table.id(), id -> new ArrayList<>())
                .addAll(texts("SELECT " + rowText(table) + " FROM pg_temp.fz_archived t", null));
    }

    /** {@code schema.name} of every table, INHERITS child and partition (at any level) → its table and SQL name. */
    private Map<String, Map.Entry<Table, String>> physicalTables() {
        Map<String, Map.Entry<Table, String>> names = new HashMap<>();
        for (Table table : scenario.tables()) {
            names.put(table.display(), Map.entry(table, table.sql()));
            for (String child : table.inheritChildren()) {
                names.put(table.schema() + "." + child, Map.entry(table, table.childSql(child)));
            }
            if (table.partitioning() != null) {
                partitions(table, table.name(), table.partitioning(), names);
            }
        }
        return names;
    }

    private static void partitions(Table root, String parentName, Partitioning partitioning,
            Map<String, Map.Entry<Table, String>> names) {
        for (Partitioning.Partition partition : partitioning.partitions()) {
            String name = parentName + "_" + partition.name(); // as DdlRenderer names them
            names.put(root.schema() + "." + name, Map.entry(root, root.childSql(name)));
            if (partition.sub() != null) {
                partitions(root, name, partition.sub(), names);
            }
        }
    }

    /** The compared columns of a table's row {@code t}, as one text (see the class comment). */
    private String rowText(Table table) {
        Set<String> nulled = scenario.links().stream()
                .filter(l -> l.child() == table.id() && l.declared() && !l.onDelete().followed())
                .flatMap(l -> l.childColumns().stream()).collect(Collectors.toSet());
        return "ROW(" + table.columns().stream().filter(c -> !nulled.contains(c.name()))
                .map(c -> "t." + Sql.ident(c.name())).collect(Collectors.joining(", ")) + ")::text";
    }

    private List<String> texts(String sql, Set<Long> rids) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (rids != null) {
                Array array = connection.createArrayOf("bigint", rids.toArray());
                ps.setArray(1, array);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    texts.add(rs.getString(1));
                }
            }
        }
        return texts;
    }

    /** Multisets equal, or a problem naming a few rows either way. */
    private void sameRows(String what, List<String> actual, List<String> expected) {
        List<String> extra = minus(actual, expected);
        List<String> missing = minus(expected, actual);
        if (!extra.isEmpty() || !missing.isEmpty()) {
            differences.add(what + ": " + extra.size() + " row(s) too many " + sample(extra) + ", " + missing.size()
                    + " missing " + sample(missing));
        }
    }

    private static List<String> minus(List<String> all, List<String> some) {
        Map<String, Integer> counts = new HashMap<>();
        some.forEach(s -> counts.merge(s, 1, Integer::sum));
        List<String> rest = new ArrayList<>();
        for (String s : all) {
            if (counts.merge(s, -1, Integer::sum) < 0) {
                rest.add(s);
            }
        }
        return rest;
    }

    private static List<String> sample(List<String> rows) {
        return rows.stream().sorted().limit(5).toList();
    }

    private static Manifest manifest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Manifests.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under the archive, as a {@code /}-separated path relative to it. */
    private static Set<String> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark of scripts/bench.sh: each contender on its own copy of one seeded template database
 * (CREATE DATABASE … TEMPLATE, CHECKPOINT before each), measured the same way, printed as one table with
 * rates as ratios against the set-based ceiling (A), and written to target/bench/results.json.
 *
 * Run with the shaded jar on the class path (it carries pgjdbc and Jackson):
 *   java -cp target/retention-cleanup.jar bench/Bench.java ADMIN_JDBC_URL TEMPLATE_DB
 */
public final class Bench {
    /**
     * The associations an ORM model of the example declares with {@code dependent: :destroy}: table, foreign
     * key, and the associations of that table in turn. An ORM destroys depth-first: load the children
     * ({@code SELECT *}), destroy each (its own children first), one {@code DELETE … WHERE pk = ?} per row.
     */
    record Association(String table, String foreignKey, String primaryKey, List<Association> children) {
    }

    private static final List<Association> EMAIL_ASSOCIATIONS = List.of(
            new Association("email_links", "outgoing_email_id", "id",
                    List.of(new Association("link_clicks", "email_link_id", "id", List.of()))),
            new Association("email_events", "outgoing_email_id", "id",
                    List.of(new Association("webhook_deliveries", "email_event_id", "id", List.of()))),
            new Association("email_recipients", "outgoing_email_id", "id", List.of()),
            new Association("email_headers", "outgoing_email_id", "id", List.of()),
            new Association("email_attachments", "outgoing_email_id", "id", List.of()),
            new Association("email_opens", "outgoing_email_id", "id", List.of()),
            new Association("email_tags", "outgoing_email_id", "tag", List.of()),
            new Association("email_bodies", "outgoing_email_id", "outgoing_email_id", List.of()));
    private static final List<String> TABLES = List.of("link_clicks", "webhook_deliveries", "email_links",
            "email_events", "email_recipients", "email_headers", "email_attachments", "email_opens", "email_tags",
            "email_bodies", "outgoing_emails");
    /** The same eligibility as examples/retention.yml: retention floored at min_days 1, NULL retention kept. */
    private static final String ELIGIBLE_EMAILS = """
            SELECT e.id FROM outgoing_emails e JOIN domains d ON d.id = e.domain_id
            JOIN organizations o ON o.id = d.organization_id
            WHERE o.retention_days IS NOT NULL
              AND e.created_at < now() - make_interval(days => greatest(o.retention_days, 1))""";

    private final String adminUrl;
    private final String template;
    private final Path jar;
    private final Path workDir;
    private final String config;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Result(String name, String description, long rows, double engineSeconds, double processSeconds,
            long walBytes, double longestTransactionSeconds, Long peakHeapBytes, Long peakRssBytes, String note) {
        double rate() {
            return rows / engineSeconds;
        }

        Result withNote(String text) {
            return new Result(name, description, rows, engineSeconds, processSeconds, walBytes,
                    longestTransactionSeconds, peakHeapBytes, peakRssBytes, text);
        }
    }

    Bench(String adminUrl, String template, Path jar, Path workDir, String config) {
        this.adminUrl = adminUrl;
        this.template = template;
        this.jar = jar;
        this.workDir = workDir;
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Bench ADMIN_JDBC_URL TEMPLATE_DB [--only A,B,C,D,E,DRY,P] [--xmx 64m] [--repeat 3]"
                    + " [--partitioned-template DB]");
            System.exit(2);
        }
        String only = "A,B,C,D,E,DRY,P";
        String partitionedTemplate = null;
        String xmx = null;
        int repeat = 3;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--only")) {
                only = args[++i];
            } else if (args[i].equals("--xmx")) {
                xmx = args[++i];
            } else if (args[i].equals("--repeat")) {
                repeat = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--partitioned-template")) {
                partitionedTemplate = args[++i];
            }
        }
        Path work = Path.of("target/bench");
        Files.createDirectories(work);
        Bench bench = new Bench(args[0], args[1], Path.of("target/retention-cleanup.jar"), work,
                "examples/retention.yml");
        bench.runAll(List.of(only.split(",")), xmx, Math.max(1, repeat), partitionedTemplate);
    }

    /**
     * A and C, whose ratio is the headline, run {@code repeat} times each, interleaved (A, C, A, C, …) so that a
     * slow spell of a shared machine hits both, and each is reported by its median run; so are the dry run and its
     * scan. B, D and E run once.
     */
    void runAll(List<String> which, String xmx, int repeat, String partitionedTemplate) throws Exception {
        List<Result> results = new ArrayList<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        long emails = countIn(template, "SELECT count(*) FROM outgoing_emails");
        long allRows = 0;
        for (String table : TABLES) {
            allRows += countIn(template, "SELECT count(*) FROM " + table);
        }
        extra.put("emails", emails);
        extra.put("rows_in_graph_tables", allRows);
        extra.put("repeat", repeat);
        List<String> jvm = xmx == null ? List.of() : List.of("-Xmx" + xmx);
        List<Result> aRuns = new ArrayList<>();
        List<Result> cRuns = new ArrayList<>();
        List<Result> caRuns = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            if (which.contains("A")) {
                aRuns.add(setBased());
            }
            if (which.contains("C")) {
                cRuns.add(tool("C", "retention-cleanup, defaults", jvm, List.of()));
            }
            if (which.contains("CA")) {
                caRuns.add(archived(jvm, i));
            }
        }
        if (!aRuns.isEmpty()) {
            results.add(median(aRuns));
            extra.put("A_rows_per_second_runs", rates(aRuns));
        }
        if (which.contains("B")) {
            results.add(ormStyle(Duration.ofSeconds(60)));
        }
        Result c = null;
        if (!cRuns.isEmpty()) {
            c = median(cRuns);
            results.add(c);
            extra.put("C_rows_per_second_runs", rates(cRuns));
        }
        if (aRuns.size() == cRuns.size() && aRuns.size() > 1) {
            // Each C ran right after its A, so a pair shares the machine's speed at that moment: the median of the
            // pairs' ratios is the drift-free reading, the ratio of the two medians the plain one (the table's).
            List<Double> pairs = new ArrayList<>();
            for (int i = 0; i < aRuns.size(); i++) {
                pairs.add(Math.round(cRuns.get(i).rate() / aRuns.get(i).rate() * 1000) / 1000.0);
            }
            extra.put("C_over_A_pairs", pairs);
            extra.put("C_over_A_paired_median", medianOf(pairs));
        }
        if (!caRuns.isEmpty()) {
            results.add(median(caRuns));
            extra.put("CA_rows_per_second_runs", rates(caRuns));
            extra.put("CA_archive_bytes_runs", caRuns.stream().map(Result::note).toList());
            if (caRuns.size() == cRuns.size()) {
                // Time of C+archive over C's on the same data, pair by pair (each ran right after the other).
                List<Double> pairs = new ArrayList<>();
                for (int i = 0; i < cRuns.size(); i++) {
                    pairs.add(Math.round(cRuns.get(i).rate() / caRuns.get(i).rate() * 1000) / 1000.0);
                }
                extra.put("CA_time_over_C_pairs", pairs);
                extra.put("CA_time_over_C_paired_median", medianOf(pairs));
            }
        }
        if (which.contains("D")) {
            results.add(tool("D", "retention-cleanup --batch-size 50", jvm, List.of("--batch-size", "50")));
        }
        if (which.contains("E") && c != null) {
            long limit = Math.max(1, (long) (c.walBytes() / c.engineSeconds() / 2));
            Result e = tool("E", "retention-cleanup --max-wal-rate " + limit + "B/s (half of C)", jvm,
                    List.of("--max-wal-rate", limit + "B/s"));
            double measured = e.walBytes() / e.engineSeconds();
            results.add(e.withNote(String.format(Locale.ROOT, "WAL rate %.2f MB/s vs limit %.2f MB/s (%.0f%%)",
                    measured / 1e6, limit / 1e6, 100.0 * measured / limit)));
            extra.put("E_wal_rate_bytes_per_second", measured);
            extra.put("E_wal_rate_limit", limit);
        }
        if (which.contains("DRY")) {
            extra.putAll(dryRun(c, repeat));
        }
        if (which.contains("P") && partitionedTemplate != null) {
            results.addAll(partitioned(partitionedTemplate, jvm, extra));
        }
        print(results, extra);
        write(results, extra);
    }

    /** The run with the median rate (the faster middle one of an even count), its note saying how many and their spread. */
    private static Result median(List<Result> runs) {
        List<Result> byRate = new ArrayList<>(runs);
        byRate.sort(Comparator.comparingDouble(Result::rate));
        Result median = byRate.get(byRate.size() / 2);
        if (runs.size() == 1) {
            return median;
        }
        return median.withNote(String.format(Locale.ROOT, "median of %d runs (%.0f to %.0f rows/s)", runs.size(),
                byRate.get(0).rate(), byRate.get(byRate.size() - 1).rate()));
    }

    private static List<Long> rates(List<Result> runs) {
        return runs.stream().map(r -> Math.round(r.rate())).toList();
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    // --- A: one transaction of set-based deletes, leaf-first ---------------------------------------------

    Result setBased() throws Exception {
        String db = copy("a");
        try (Connection c = connect(db)) {
            Measure m = Measure.start(c, adminUrl, db);
            long rows = 0;
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE doomed ON COMMIT DROP AS " + ELIGIBLE_EMAILS);
                s.execute("CREATE INDEX ON doomed (id)");
                s.execute("ANALYZE doomed");
                rows += s.executeUpdate("DELETE FROM link_clicks c USING email_links l, doomed d "
                        + "WHERE c.email_link_id = l.id AND l.outgoing_email_id = d.id");
                rows += s.executeUpdate("DELETE FROM webhook_deliveries w USING email_events e, doomed d "
                        + "WHERE w.email_event_id = e.id AND e.outgoing_email_id = d.id");
                for (String table : List.of("email_links", "email_events", "email_recipients", "email_headers",
                        "email_attachments", "email_opens", "email_tags", "email_bodies")) {
                    rows += s.executeUpdate("DELETE FROM " + table + " t USING doomed d WHERE t.outgoing_email_id = d.id");
                }
                rows += s.executeUpdate("DELETE FROM outgoing_emails t USING doomed d WHERE t.id = d.id");
            }
            c.commit();
            Measured r = m.stop(c);
            return new Result("A", "one transaction, set-based deletes (ceiling)", rows, r.seconds, r.seconds,
                    r.walBytes, r.longestTransaction, null, null, "");
        } finally {
            drop(db);
        }
    }

    // --- B: the original job's shape: row by row, 50 parents per transaction ------------------------------

    Result ormStyle(Duration budget) throws Exception {
        String db = copy("b");
        try (Connection c = connect(db)) {
            List<Long> emails = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ELIGIBLE_EMAILS + " ORDER BY e.id")) {
                while (rs.next()) {
                    emails.add(rs.getLong(1));
                }
            }
            Measure m = Measure.start(c, adminUrl, db);
            c.setAutoCommit(false);
            Orm orm = new Orm(c);
            long rows = 0;
            long deadline = System.nanoTime() + budget.toNanos();
            int done = 0;
            while (done < emails.size() && System.nanoTime() < deadline) {
                List<Long> batch = emails.subList(done, Math.min(done + 50, emails.size()));
                for (long id : orm.load("outgoing_emails", "id", batch)) {
                    rows += orm.destroy("outgoing_emails", "id", id, EMAIL_ASSOCIATIONS);
                }
                c.commit();
                done += batch.size();
            }
            Measured r = m.stop(c);
            String note = done < emails.size()
                    ? String.format(Locale.ROOT, "slice: %d of %d emails in %.0fs", done, emails.size(), r.seconds) : "";
            return new Result("B", "ORM destroy_all: row by row, 50 parents per transaction", rows, r.seconds,
                    r.seconds, r.walBytes, r.longestTransaction, null, null, note);
        } finally {
            drop(db);
        }
    }

    /** The statements an ORM sends: SELECT * of each association, then one DELETE per record. */
    static final class Orm {
        private final Connection c;
        private final Map<String, PreparedStatement> statements = new LinkedHashMap<>();

        Orm(Connection c) {
            this.c = c;
        }

        List<Long> load(String table, String key, List<Long> ids) throws SQLException {
            PreparedStatement s = prepared("SELECT * FROM " + table + " WHERE " + key + " = ANY(?)");
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            List<Long> loaded = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    loaded.add(rs.getLong(key));
                }
            }
            return loaded;
        }

        long destroy(String table, String key, Object id, List<Association> associations) throws SQLException {
            long rows = 0;
            for (Association a : associations) {
                PreparedStatement select = prepared("SELECT * FROM " + a.table() + " WHERE " + a.foreignKey() + " = ?");
                select.setObject(1, id);
                List<Object> children = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        children.add(rs.getObject(a.primaryKey()));
                    }
                }
                for (Object child : children) {
                    if (a.primaryKey().equals("tag")) {
                        PreparedStatement delete = prepared("DELETE FROM email_tags WHERE outgoing_email_id = ? AND tag = ?");
                        delete.setObject(1, id);
                        delete.setObject(2, child);
                        rows += delete.executeUpdate();
                    } else {
                        rows += destroy(a.table(), a.primaryKey(), child, a.children());
                    }
                }
            }
            PreparedStatement delete = prepared("DELETE FROM " + table + " WHERE " + key + " = ?");
            delete.setObject(1, id);
            return rows + delete.executeUpdate();
        }

        private PreparedStatement prepared(String sql) throws SQLException {
            PreparedStatement s = statements.get(sql);
            if (s == null) {
                s = c.prepareStatement(sql);
                statements.put(sql, s);
            }
            return s;
        }
    }

    // --- C, D, E: the tool as a process ---------------------------------------------------------------

    Result tool(String name, String description, List<String> jvm, List<String> flags) throws Exception {
        String db = copy(template, name.toLowerCase(Locale.ROOT));
        try {
            return toolOn(db, name, description, config, jvm, flags);
        } finally {
            drop(db);
        }
    }

    private Result toolOn(String db, String name, String description, String configFile, List<String> jvm,
            List<String> flags) throws Exception {
        try (Connection c = connect(db)) {
            Path report = workDir.resolve(name + "-report.json");
            Path gcLog = workDir.resolve(name + "-gc.log");
            Files.deleteIfExists(report);
            List<String> command = new ArrayList<>(List.of(javaBin(), "-Xlog:gc:file=" + gcLog, "-Xlog:gc+heap+exit"));
            command.addAll(jvm);
            command.addAll(List.of("-jar", jar.toString(), "run", "--config", configFile, "--db-url", urlOf(db),
                    "--report", report.toString(), "-q"));
            command.addAll(flags);
            Measure m = Measure.start(c, adminUrl, db);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve(name + "-out.log").toFile()).start();
            long peakRss = 0;
            while (process.isAlive()) {
                peakRss = Math.max(peakRss, rssHighWater(process.pid()));
                Thread.sleep(50);
            }
            Measured r = m.stop(c);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(name + " exited " + process.exitValue() + "; see "
                        + workDir.resolve(name + "-out.log"));
            }
            JsonNode doc = json.readTree(report.toFile());
            long rows = 0;
            for (JsonNode n : doc.get("tables")) {
                rows += n.asLong();
            }
            double engine = Duration.between(Instant.parse(doc.get("started_at").asText()),
                    Instant.parse(doc.get("finished_at").asText())).toNanos() / 1e9;
            return new Result(name, description, rows, engine, r.seconds, r.walBytes, r.longestTransaction,
                    peakHeap(gcLog, workDir.resolve(name + "-out.log")), peakRss, "");
        }
    }

    /** C with every deleted row archived to a local directory; the archive's size goes into the note. */
    private Result archived(List<String> jvm, int run) throws Exception {
        Path archive = workDir.resolve("archive-" + run);
        deleteTree(archive);
        Result r = tool("CA", "retention-cleanup, --archive-dir (C+archive)", jvm,
                List.of("--archive-dir", archive.toString()));
        long bytes;
        try (var files = Files.walk(archive)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        deleteTree(archive);
        return r.withNote(String.format(Locale.ROOT, "archive %.1f MB", bytes / 1e6));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // --- P: partitions dropped whole against rows deleted one by one -----------------------------------

    /**
     * The partitioned example twice from one template: {@code partitions: rows} and {@code partitions: drop}. Both
     * must end in the same state (an md5 of every row of every table); the hybrid's WAL and time are reported as
     * fractions of the rows-only run's.
     */
    List<Result> partitioned(String partitionedTemplate, List<String> jvm, Map<String, Object> extra) throws Exception {
        String rowsDb = copy(partitionedTemplate, "rows");
        String dropDb = copy(partitionedTemplate, "drop");
        try {
            Path rowsConfig = workDir.resolve("partitioned-rows.yml");
            Files.writeString(rowsConfig, Files.readString(Path.of("examples/partitioned.yml"))
                    .replace("partitions: drop", "partitions: rows"));
            Result rows = toolOn(rowsDb, "P-rows", "partitioned example, partitions: rows", rowsConfig.toString(),
                    jvm, List.of());
            Result hybrid = toolOn(dropDb, "P", "partitioned example, partitions: drop", "examples/partitioned.yml",
                    jvm, List.of());
            boolean same = rowHashes(rowsDb).equals(rowHashes(dropDb));
            double wal = (double) hybrid.walBytes() / rows.walBytes();
            double time = hybrid.engineSeconds() / rows.engineSeconds();
            extra.put("P_wal_over_rows_only", wal);
            extra.put("P_time_over_rows_only", time);
            extra.put("P_same_end_state_as_rows_only", same);
            extra.put("P_partitions_dropped", json.readTree(workDir.resolve("P-report.json").toFile())
                    .get("partitions").size());
            return List.of(rows, hybrid.withNote(String.format(Locale.ROOT, "WAL %.1f%% and time %.1f%% of P-rows;"
                    + " same end state: %s", 100 * wal, 100 * time, same ? "yes" : "NO")));
        } finally {
            drop(rowsDb);
            drop(dropDb);
        }
    }

    /** An md5 of every row of every root table (a partitioned table's rows are its partitions'). */
    private Map<String, String> rowHashes(String db) throws SQLException {
        Map<String, String> hashes = new java.util.TreeMap<>();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                    + " AND NOT c.relispartition AND n.nspname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))"
                        + " || ':' || count(*) FROM " + table + " AS t")) {
                    rs.next();
                    hashes.put(table, rs.getString(1));
                }
            }
        }
        return hashes;
    }

    // --- dry run against a sequential scan ----------------------------------------------------------

    private static final List<String> DRY_RUN_READS = List.of("outgoing_emails", "domains", "organizations",
            "link_clicks", "webhook_deliveries", "email_links", "email_events", "email_recipients", "email_headers",
            "email_attachments", "email_opens", "email_tags", "email_bodies");

    /**
     * The cheapest exact count of "child rows whose email exists" PostgreSQL can do: each descendant hash
     * semi-joined against every email key (grandchildren through their parent), with no eligibility test at all.
     * Any exact per-table count pays at least this; it shows how much of the dry run's time is the counting itself.
     */
    private static final List<String> SEMI_JOIN_FLOOR = List.of(
            "SELECT count(*) FROM link_clicks WHERE email_link_id IN (SELECT id FROM email_links "
                    + "WHERE outgoing_email_id IN (SELECT id FROM outgoing_emails))",
            "SELECT count(*) FROM webhook_deliveries WHERE email_event_id IN (SELECT id FROM email_events "
                    + "WHERE outgoing_email_id IN (SELECT id FROM outgoing_emails))",
            "SELECT count(*) FROM email_links WHERE outgoing_email_id IN (SELECT id FROM outgoing_emails)",
            "SELECT count(*) FROM email_events WHERE outgoing_email_id IN (SELECT id FROM outgoing_emails)",
            "SELECT count(*) FROM email_recipients WHERE outgoing_email_id IN (SELECT id FROM outgoing_emails)",
            "SELECT count(*) FROM email_headers WHERE outgoing_email_id IN (SELECT id FROM outgoing_emails)",
            "SELECT count(*) FROM email_attachments WHERE outgoing_email_id IN (SELECT id FROM outgoing_emails)",
            "SELECT count(*) FROM email_opens WHERE outgoing_email_id IN (SELECT id FROM outgoing_emails)",
            "SELECT count(*) FROM email_tags WHERE outgoing_email_id IN (SELECT id FROM outgoing_emails)",
            "SELECT count(*) FROM email_bodies WHERE outgoing_email_id IN (SELECT id FROM outgoing_emails)");

    Map<String, Object> dryRun(Result c, int repeat) throws Exception {
        String db = copy("dry");
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection conn = connect(db)) {
            List<String> scans = new ArrayList<>();
            for (String table : DRY_RUN_READS) {
                scans.add("SELECT count(*) FROM " + table);
            }
            timed(conn, scans); // warm the cache like the dry run will be
            List<Double> scan = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            List<Double> dry = new ArrayList<>();
            long estimate = 0;
            for (int i = 0; i < repeat; i++) {
                scan.add(timed(conn, scans));
                floor.add(timed(conn, SEMI_JOIN_FLOOR));
                Path report = workDir.resolve("DRY-report.json");
                Process process = new ProcessBuilder(javaBin(), "-jar", jar.toString(), "run", "--dry-run", "--config",
                        config, "--db-url", urlOf(db), "--report", report.toString(), "-q")
                        .redirectErrorStream(true).redirectOutput(workDir.resolve("DRY-out.log").toFile()).start();
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("dry run exited " + process.exitValue());
                }
                JsonNode doc = json.readTree(report.toFile());
                dry.add(Duration.between(Instant.parse(doc.get("started_at").asText()),
                        Instant.parse(doc.get("finished_at").asText())).toNanos() / 1e9);
                estimate = doc.get("wal_bytes_estimate").asLong();
            }
            double dryMedian = medianOf(dry);
            double scanMedian = medianOf(scan);
            double floorMedian = medianOf(floor);
            out.put("dry_run_seconds", dryMedian);
            out.put("sequential_scan_seconds", scanMedian);
            out.put("dry_run_over_scan", dryMedian / scanMedian);
            out.put("semi_join_floor_seconds", floorMedian);
            out.put("semi_join_floor_over_scan", floorMedian / scanMedian);
            out.put("dry_run_seconds_runs", dry.stream().map(d -> Math.round(d * 1000) / 1000.0).toList());
            out.put("wal_estimate_bytes", estimate);
            if (c != null) {
                out.put("wal_estimate_over_C_measured", (double) estimate / c.walBytes());
            }
        } finally {
            drop(db);
        }
        return out;
    }

    /** Seconds to run the statements one after another, each a sequential scan (index scans off). */
    private static double timed(Connection conn, List<String> statements) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = conn.createStatement()) {
            for (String sql : statements) {
                s.execute("SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off");
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    // --- measuring ------------------------------------------------------------------------------------

    record Measured(double seconds, long walBytes, double longestTransaction) {
    }

    /** Wall time, server-wide WAL, and the longest open transaction on the database (sampled every 10ms). */
    static final class Measure {
        private final String startLsn;
        private final long startNanos;
        private final Thread sampler;
        private final AtomicLong longestMicros = new AtomicLong();
        private volatile boolean running = true;

        private Measure(String startLsn, String adminUrl, String db) {
            this.startLsn = startLsn;
            this.startNanos = System.nanoTime();
            this.sampler = new Thread(() -> sample(adminUrl, db), "longest-transaction");
            sampler.setDaemon(true);
            sampler.start();
        }

        static Measure start(Connection c, String adminUrl, String db) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
                try (ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                    rs.next();
                    return new Measure(rs.getString(1), adminUrl, db);
                }
            }
        }

        Measured stop(Connection c) throws Exception {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            running = false;
            sampler.join();
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint")) {
                s.setString(1, startLsn);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Measured(seconds, rs.getLong(1), longestMicros.get() / 1e6);
                }
            } finally {
                c.setAutoCommit(auto);
            }
        }

        private void sample(String adminUrl, String db) {
            try (Connection c = DriverManager.getConnection(adminUrl);
                    PreparedStatement s = c.prepareStatement("SELECT coalesce(max(extract(epoch FROM clock_timestamp() - xact_start) * 1e6), 0)::bigint "
                            + "FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid() AND state <> 'idle' "
                            // client sessions only: an autovacuum worker's transaction is not the contender's
                            + "AND backend_type = 'client backend' AND query NOT ILIKE 'CHECKPOINT%'")) {
                s.setString(1, db);
                while (running) {
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        longestMicros.accumulateAndGet(rs.getLong(1), Math::max);
                    }
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                System.err.println("bench: longest-transaction sampler stopped: " + e);
            }
        }
    }

    private static long rssHighWater(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process just ended
        }
        return 0;
    }

    private static final Pattern GC_BEFORE = Pattern.compile("\\) (\\d+)M->\\d+M\\(\\d+M\\)");
    private static final Pattern EXIT_USED = Pattern.compile("used (\\d+)K");

    /** Peak heap: the largest heap-before-GC in the GC log, or the heap in use at exit if larger. */
    private static Long peakHeap(Path gcLog, Path out) throws IOException {
        long peak = 0;
        if (Files.exists(gcLog)) {
            Matcher m = GC_BEFORE.matcher(Files.readString(gcLog));
            while (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)) * 1024 * 1024);
            }
        }
        Matcher exit = EXIT_USED.matcher(Files.readString(out));
        if (exit.find()) {
            peak = Math.max(peak, Long.parseLong(exit.group(1)) * 1024);
        }
        return peak == 0 ? null : peak;
    }

    // --- output ---------------------------------------------------------------------------------------

    private static void print(List<Result> results, Map<String, Object> extra) {
        double a = results.stream().filter(r -> r.name().equals("A")).mapToDouble(Result::rate).findFirst().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%n%-2s %-52s %10s %9s %9s %8s %9s %10s %9s %9s  %s%n", "", "contender",
                "rows", "engine s", "process s", "rows/s", "vs A", "WAL MB", "max tx s", "heap MB", "RSS MB / note");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-2s %-52s %10d %9.2f %9.2f %8.0f %9.3f %10.1f %9.2f %9s  %s%n",
                    r.name(), r.description(), r.rows(), r.engineSeconds(), r.processSeconds(), r.rate(),
                    r.rate() / a, r.walBytes() / 1e6, r.longestTransactionSeconds(),
                    r.peakHeapBytes() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.peakHeapBytes() / 1048576.0),
                    (r.peakRssBytes() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.peakRssBytes() / 1048576.0))
                            + (r.note().isEmpty() ? "" : " " + r.note()));
        }
        extra.forEach((k, v) -> System.out.printf(Locale.ROOT, "%s = %s%n", k,
                v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v));
    }

    private void write(List<Result> results, Map<String, Object> extra) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("results", results);
        doc.put("extra", extra);
        json.writeValue(workDir.resolve("results.json").toFile(), doc);
        System.out.println("wrote " + workDir.resolve("results.json"));
    }

    // --- databases ------------------------------------------------------------------------------------

    private String copy(String suffix) throws SQLException {
        return copy(template, suffix);
    }

    private String copy(String from, String suffix) throws SQLException {
        String db = from + "_" + suffix;
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db + " TEMPLATE " + from);
        }
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
            // Autovacuum would start on the tables C has already thinned out while C is still running, and on A's
            // only after A is done: whether its CPU lands inside a contender's window is luck of its 1-minute nap.
            // Off on every copy, both contenders are timed on their deletes alone and leave the same dead rows.
            List<String> tables = new ArrayList<>();
            // Ordinary tables and partitions only: a partitioned table takes no storage parameters.
            try (ResultSet rs = s.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                    + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                s.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
            }
        }
        return db;
    }

    private void drop(String db) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private long countIn(String db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(urlOf(db));
    }

    private String urlOf(String db) {
        return adminUrl.replaceFirst("/postgres\\?", "/" + db + "?");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

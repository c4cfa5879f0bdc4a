package dev.retentioncleanup.execute;

import static dev.retentioncleanup.db.Sql.param;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retentioncleanup.archive.ManifestFile;
import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.TableRef;
import dev.retentioncleanup.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The table in the database that makes a batch's commit the proof of its archive: each archived file is recorded
 * in the transaction that deletes its rows, so a committed batch has its row here and a rolled-back one has none.
 * A run registers itself first (a row with an empty path), so that a run that dies is found and reconciled by the
 * next run of the same lock key: its recorded files go into its manifest, its other files are removed, and its
 * rows here are forgotten.
 */
final class ArchiveOutbox {
    private static final String RUN_ID = "run_id";
    private static final String PATH = "path";
    private static final String RUN_ROW = "";
    private static final String PARTITIONS = "partitions";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TableRef ref;
    private final Table<?> table;
    private final Sql record;

    ArchiveOutbox(TableRef ref) {
        this.ref = ref;
        Name name = ref.schema() == null ? name(ref.table()) : name(ref.schema(), ref.table());
        this.table = DSL.table(name);
        // The tenants' cutoffs come from the session's cutoff table, which every batch's session has filled.
        Table<?> c = CutoffTable.table();
        this.record = Sql.of(DSL.insertInto(table).columns(col(RUN_ID), col(PATH), col("batch"), col("table_name"),
                        col("rows"), col("bytes"), col("sha256"), col("key_min"), col("key_max"), col("tenants"),
                        col(PARTITIONS))
                .select(select(param(RUN_ID), param(PATH), param("batch"), param("table_name"), param("rows"),
                        param("bytes"), param("sha256"),
                        // Not min()/max(): uuid (among other key types) has neither; every key has a btree order.
                        field("(select u.k::text from unnest({0}) as u(k) where u.k is not null order by u.k limit 1)",
                                param(Statements.KEYS)),
                        field("(select u.k::text from unnest({0}) as u(k) where u.k is not null order by u.k desc"
                                + " limit 1)", param(Statements.KEYS)),
                        field("coalesce(jsonb_object_agg({0}, {1}), '{}')", field(name("c", "tenant")),
                                field(name("c", "cutoff"))),
                        field("cast({0} as jsonb)", param(PARTITIONS)))
                        .from(c).where(DSL.condition("{0} = any({1})", field(name("c", "tenant")), param("tenants")))));
    }

    /** A file recorded for a batch: where it is under the run, what it holds. */
    record Entry(String path, long batch, String table, long rows, long bytes, String sha256, String keyMin,
            String keyMax, Map<String, String> cutoffs, List<ManifestFile.DroppedPartition> partitions) {
    }

    /** A registered run: its lock key says which later runs may reconcile it. */
    record Run(String runId, long lockKey, String database, String configSha256, Instant startedAt) {
    }

    /**
     * Creates the table if missing; a role that may not is told how to create it (exit 2, nothing deleted). An
     * existing table is left as it is: creating "if not exists" would still need the schema's CREATE privilege.
     */
    void ensure(Connection connection) throws SQLException {
        try {
            if (!Sql.value(connection, field("to_regclass({0}) is not null", Boolean.class,
                    val(Sql.POSTGRES.render(table))))) {
                Sql.execute(connection, DSL.createTableIfNotExists(table)
                        .column(RUN_ID, SQLDataType.CLOB.notNull())
                        .column(PATH, SQLDataType.CLOB.notNull())
                        .column("batch", SQLDataType.BIGINT.notNull())
                        .column("table_name", SQLDataType.CLOB)
                        .column("rows", SQLDataType.BIGINT)
                        .column("bytes", SQLDataType.BIGINT)
                        .column("sha256", SQLDataType.CLOB)
                        .column("key_min", SQLDataType.CLOB)
                        .column("key_max", SQLDataType.CLOB)
                        .column("tenants", SQLDataType.JSONB)
                        .column("lock_key", SQLDataType.BIGINT)
                        .column("database", SQLDataType.CLOB)
                        .column("config_sha256", SQLDataType.CLOB)
                        .column("started_at", SQLDataType.TIMESTAMPWITHTIMEZONE)
                        .column(PARTITIONS, SQLDataType.JSONB)
                        .column("recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE.notNull()
                                .defaultValue(DSL.currentOffsetDateTime()))
                        .primaryKey(RUN_ID, PATH));
            }
        } catch (SQLException e) {
            throw new ConfigException("--archive-outbox " + ref.display() + ": cannot create it (" + e.getMessage()
                    + "); create it with sql/archive.sql and grant this role SELECT, INSERT, DELETE on it", e);
        }
    }

    /** In its own committed transaction, before the run's first file. */
    void register(Connection connection, Run run) throws SQLException {
        Sql.execute(connection, DSL.insertInto(table).columns(col(RUN_ID), col(PATH), col("batch"), col("lock_key"),
                        col("database"), col("config_sha256"), col("started_at"))
                .values(val(run.runId()), val(RUN_ROW), inline(0L), val(run.lockKey()), val(run.database()),
                        val(run.configSha256()), val(OffsetDateTime.ofInstant(run.startedAt(), ZoneOffset.UTC))));
    }

    /** In the batch's transaction: the file, its keys' range and its tenants with their cutoffs. */
    void record(Connection connection, String runId, Entry entry, Object keys, Object tenants) throws SQLException {
        Map<String, Object> values = new HashMap<>(Map.of(RUN_ID, runId, PATH, entry.path(), "batch", entry.batch(),
                "table_name", entry.table(), "rows", entry.rows(), "bytes", entry.bytes(), "sha256", entry.sha256(),
                Statements.KEYS, keys, "tenants", tenants));
        try {
            values.put(PARTITIONS, JSON.writeValueAsString(entry.partitions()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of records always writes", e);
        }
        record.execute(connection, values);
    }

    /** The registered runs of this lock key, oldest first: while this run holds the key, none of them is alive. */
    List<Run> runs(Connection connection, long lockKey) throws SQLException {
        List<Run> runs = new ArrayList<>();
        Sql.forEach(connection, select(col(RUN_ID), col("lock_key"), col("database"), col("config_sha256"),
                        col("started_at")).from(table).where(col(PATH).eq(val(RUN_ROW)))
                        .and(col("lock_key").eq(val(lockKey))).orderBy(col("started_at")),
                row -> runs.add(new Run(row.getString(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getObject(5, OffsetDateTime.class).toInstant())));
        return runs;
    }

    /** The files a run recorded, in batch order. */
    List<Entry> entries(Connection connection, String runId) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        Sql.forEach(connection, select(col(PATH), col("batch"), col("table_name"), col("rows"), col("bytes"),
                        col("sha256"), col("key_min"), col("key_max"), field("{0}::text", col("tenants")),
                        field("coalesce({0}, '[]')::text", col(PARTITIONS)))
                        .from(table).where(col(RUN_ID).eq(val(runId))).and(col(PATH).ne(val(RUN_ROW)))
                        .orderBy(col("batch"), col(PATH)),
                row -> entries.add(new Entry(row.getString(1), row.getLong(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getString(6), row.getString(7), row.getString(8),
                        cutoffs(row.getString(9)), partitions(row.getString(10)))));
        return entries;
    }

    /** Once the run's manifest is durable, its rows here have done their job. */
    void forget(Connection connection, String runId) throws SQLException {
        Sql.execute(connection, DSL.deleteFrom(table).where(col(RUN_ID).eq(val(runId))));
    }

    private static Map<String, String> cutoffs(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable tenants in the archive outbox: " + e.getOriginalMessage(), e);
        }
    }

    private static List<ManifestFile.DroppedPartition> partitions(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<List<ManifestFile.DroppedPartition>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable partitions in the archive outbox: " + e.getOriginalMessage(), e);
        }
    }

    private static Field<Object> col(String column) {
        return field(name(column));
    }
}

package dev.retentioncleanup.observe.audit;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.observe.JsonReport;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.observe.RunStarted;
import dev.retentioncleanup.result.RunResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One row per run in the audit table: inserted as {@code running} when the run starts (it holds the lock), completed
 * at the end with status, exit code, per-table counts (jsonb), stop reason. A run that ends before it starts
 * (skipped, not writable, failed) gets its row at the end. Dry runs are never wired with it. A failed audit write
 * is logged, never fails the run: the deletion already happened or did not, either way the report tells.
 */
public final class AuditLog implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final Field<Object> RUN_ID = field(name("run_id"));
    private static final Field<Object> STATUS = field(name("status"));
    private static final Field<Object> STARTED_AT = field(name("started_at"));

    private final DataSource dataSource;
    private final AuditTable table;
    private boolean inserted;

    public AuditLog(DataSource dataSource, AuditTable table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    @Override
    public void runStarted(RunStarted e) {
        if (e.dryRun()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Sql.execute(c, DSL.insertInto(table.asTable()).columns(RUN_ID, STATUS, STARTED_AT)
                    .values(value(e.runId()), value("running"), value(Timestamp.from(e.startedAt()))));
            inserted = true;
        } catch (SQLException ex) {
            LOG.warn("could not write the audit row: {}", ex.getMessage());
        }
    }

    @Override
    public void runFinished(RunResult r) {
        if (r.dryRun()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Map<Field<?>, Field<?>> row = new LinkedHashMap<>();
            row.put(STATUS, value(r.outcome().status()));
            row.put(field(name("exit_code")), value(r.exitCode()));
            row.put(field(name("finished_at")), value(Timestamp.from(r.finishedAt())));
            row.put(field(name("rows_deleted")), value(r.totalRows()));
            row.put(field(name("batches")), value(r.batches()));
            row.put(field(name("wal_bytes")), value(r.walBytes()));
            row.put(field(name("tables")), DSL.field("cast({0} as jsonb)", value(JsonReport.JSON.writeValueAsString(r.tables()))));
            row.put(field(name("stop_reason")), value(r.stopReason()));
            if (table.hasPartitions()) {
                row.put(field(name(AuditTable.PARTITIONS)),
                        DSL.field("cast({0} as jsonb)", value(JsonReport.JSON.writeValueAsString(r.partitions()))));
            }
            if (table.hasArchive()) {
                row.put(field(name(AuditTable.ARCHIVE)), DSL.field("cast({0} as jsonb)",
                        value(r.archive() == null ? null : JsonReport.JSON.writeValueAsString(r.archive()))));
            }
            row.put(STARTED_AT, value(Timestamp.from(r.startedAt())));
            Query write = DSL.update(table.asTable()).set(row).where(RUN_ID.eq(value(r.runId())));
            if (!inserted) {
                row.put(RUN_ID, value(r.runId()));
                write = DSL.insertInto(table.asTable()).set(row);
            }
            if (Sql.execute(c, write) != 1) {
                LOG.warn("audit row for run {} was not found to complete", r.runId());
            }
        } catch (SQLException | JsonProcessingException ex) {
            LOG.warn("could not complete the audit row: {}", ex.getMessage());
        }
    }

    /** Bound as given ({@code setObject}), as the columns of sql/audit.sql take it. */
    private static Field<Object> value(Object value) {
        return DSL.val(value, Sql.VALUE);
    }
}

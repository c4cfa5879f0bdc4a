package dev.retentioncleanup.observe.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.retentioncleanup.observe.JsonReport;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.observe.RunStarted;
import dev.retentioncleanup.result.RunResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import javax.sql.DataSource;
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
        String sql = "INSERT INTO " + table.sqlName() + " (run_id, status, started_at) VALUES (?, 'running', ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            ps.setObject(1, e.runId());
            ps.setTimestamp(2, Timestamp.from(e.startedAt()));
            ps.executeUpdate();
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
        String sql = inserted
                ? "UPDATE " + table.sqlName() + " SET status = ?, exit_code = ?, finished_at = ?, rows_deleted = ?, "
                        + "batches = ?, wal_bytes = ?, tables = ?::jsonb, stop_reason = ?, started_at = ? "
                        + "WHERE run_id = ?"
                : "INSERT INTO " + table.sqlName() + " (status, exit_code, finished_at, rows_deleted, batches, "
                        + "wal_bytes, tables, stop_reason, started_at, run_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            ps.setString(1, r.outcome().status());
            ps.setInt(2, r.exitCode());
            ps.setTimestamp(3, Timestamp.from(r.finishedAt()));
            ps.setLong(4, r.totalRows());
            ps.setLong(5, r.batches());
            if (r.walBytes() == null) {
                ps.setNull(6, Types.BIGINT);
            } else {
                ps.setLong(6, r.walBytes());
            }
            ps.setString(7, JsonReport.JSON.writeValueAsString(r.tables()));
            ps.setString(8, r.stopReason());
            ps.setTimestamp(9, Timestamp.from(r.startedAt()));
            ps.setObject(10, r.runId());
            if (ps.executeUpdate() != 1) {
                LOG.warn("audit row for run {} was not found to complete", r.runId());
            }
        } catch (SQLException | JsonProcessingException ex) {
            LOG.warn("could not complete the audit row: {}", ex.getMessage());
        }
    }
}

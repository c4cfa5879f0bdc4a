package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Parsers;
import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.Written;
import dev.retentioncleanup.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --max-archive-backlog}: WAL segments completed but not yet archived. Exact where this role may call
 * {@code pg_ls_archive_statusdir()} (PostgreSQL 12+, superuser or pg_monitor): the {@code .ready} files. Else
 * estimated from {@code pg_stat_archiver} (readable by every role) against the current segment: every
 * segment after the last archived one, and from the last failed one when the archiver is failing. The log
 * says once which of the two is used.
 */
public final class ArchiveBacklog extends LimitGuard<ArchiveBacklog.Reading> {
    public static final String NAME = "archive_backlog";
    /** {@code --max-archive-backlog}: turns this guard on; its flag, variable, file key, label and help. */
    public static final Setting<Written<Long>> SETTING = Setting.limit("max-archive-backlog", "N",
            Parsers::nonNegativeLong, "Pause while more than N WAL files wait for the archiver (exact with pg_monitor,"
                    + " else estimated from pg_stat_archiver).");
    static final String FUNCTION = "pg_ls_archive_statusdir()";
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveBacklog.class);
    private static final Pattern SEGMENT = Pattern.compile("[0-9A-F]{24}");

    private Source announced;

    public enum Source {
        STATUS_DIR("counting .ready files with pg_ls_archive_statusdir()"),
        ARCHIVER_STATS("estimating from pg_stat_archiver against the current WAL segment"),
        ARCHIVING_OFF("archive_mode is off: nothing waits to be archived");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** @param segmentBytes {@code wal_segment_size}: how much WAL fills one file for the archiver */
    public record Reading(long files, Source source, long segmentBytes) {
    }

    public ArchiveBacklog(Written<Long> limit) {
        super(NAME, SETTING, limit.value(), limit.text());
    }

    @Override
    public Reading read(Connection connection) throws SQLException {
        Reading reading = measure(connection);
        if (reading.source() != announced) {
            announced = reading.source();
            if (reading.source() == Source.ARCHIVER_STATS) {
                LOG.info("{}: {} ({} is {}; GRANT pg_monitor for the exact count)", flag(),
                        reading.source().description(), FUNCTION,
                        Privileges.functionExists(connection, FUNCTION) ? "not granted to this role"
                                : "missing before PostgreSQL 12");
            } else {
                LOG.info("{}: {}", flag(), reading.source().description());
            }
        }
        return reading;
    }

    private static Reading measure(Connection connection) throws SQLException {
        long segmentBytes = Sql.first(connection, DSL.resultQuery(
                "SELECT setting FROM pg_settings WHERE name = 'wal_segment_size'"), row -> Long.parseLong(row.getString(1)));
        if ("off".equals(Sql.value(connection, DSL.field("current_setting('archive_mode')", String.class)))) {
            return new Reading(0, Source.ARCHIVING_OFF, segmentBytes);
        }
        if (Privileges.functionExists(connection, FUNCTION) && Privileges.canExecute(connection, FUNCTION)) {
            return Sql.first(connection, DSL.resultQuery(
                    "SELECT count(*) FROM pg_ls_archive_statusdir() WHERE name ~ '^[0-9A-F]{24}\\.ready$'"),
                    row -> new Reading(row.getLong(1), Source.STATUS_DIR, segmentBytes));
        }
        return Sql.first(connection, DSL.resultQuery(
                "SELECT pg_walfile_name(pg_current_wal_lsn()), a.last_archived_wal, a.last_failed_wal,"
                        + " coalesce(a.last_failed_time > a.last_archived_time OR a.last_archived_time IS NULL, true)"
                        + " FROM pg_stat_archiver a"),
                row -> new Reading(estimate(row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4),
                        segmentBytes), Source.ARCHIVER_STATS, segmentBytes));
    }

    /**
     * Segments waiting for the archiver: those after the last archived one up to, not including, the current
     * (still being written) one; when the archiver's last attempt failed, from the failed one on.
     */
    static long estimate(String current, String lastArchived, String lastFailed, boolean failing, long segmentSize) {
        Long now = segmentNumber(current, segmentSize);
        if (now == null) {
            return 0;
        }
        long backlog = 0;
        Long archived = segmentNumber(lastArchived, segmentSize);
        if (archived != null) {
            backlog = Math.max(0, now - archived - 1);
        }
        Long failed = failing ? segmentNumber(lastFailed, segmentSize) : null;
        if (failed != null) {
            backlog = Math.max(backlog, now - failed);
        }
        return backlog;
    }

    /** {@code TTTTTTTTXXXXXXXXYYYYYYYY} (timeline, log, segment) to a segment number; null for other names. */
    static Long segmentNumber(String walFile, long segmentSize) {
        if (walFile == null || walFile.length() < 24 || !SEGMENT.matcher(walFile.substring(0, 24)).matches()) {
            return null;
        }
        long log = Long.parseLong(walFile.substring(8, 16), 16);
        long segment = Long.parseLong(walFile.substring(16, 24), 16);
        return log * (0x1_0000_0000L / segmentSize) + segment;
    }

    @Override
    public boolean growsWithWal() {
        return true;
    }

    /**
     * Each segment boundary the WAL crossed hands one more file to the archiver; a stalled archiver takes none
     * away. With archiving off nothing ever waits.
     */
    @Override
    public Reading afterWal(Reading reading, WalWritten wal) {
        if (reading.source() == Source.ARCHIVING_OFF) {
            return reading;
        }
        return new Reading(reading.files() + wal.segmentsCompleted(reading.segmentBytes()), reading.source(),
                reading.segmentBytes());
    }

    @Override
    protected double value(Reading reading) {
        return reading.files();
    }

    @Override
    protected String over(Reading reading) {
        return reading.files() + " WAL files not yet archived"
                + (reading.source() == Source.ARCHIVER_STATS ? " (estimated from pg_stat_archiver)" : "");
    }
}

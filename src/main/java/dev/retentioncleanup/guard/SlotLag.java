package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Parsers;
import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.Units;
import dev.retentioncleanup.config.Written;
import dev.retentioncleanup.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * {@code --max-slot-lag}: the WAL retained by the worst replication slot,
 * {@code pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)}. A slot nobody consumes keeps every segment
 * after its restart point, so each batch's WAL stays on disk until the consumer returns. pg_replication_slots
 * is readable by every role. Slots whose {@code wal_status} (PostgreSQL 13+) is {@code lost} (the WAL they
 * needed is gone) or {@code unreserved} (about to be lost) are reported in the verdict.
 */
public final class SlotLag extends LimitGuard<SlotLag.Reading> {
    public static final String NAME = "slot_lag";
    /** {@code --max-slot-lag}: turns this guard on; its flag, variable, file key, label and help. */
    public static final Setting<Written<Long>> SETTING = Setting.limit("max-slot-lag", "SIZE", Parsers::size,
            "Pause while any replication slot retains more WAL than this.");

    /** @param retainedBytes null for a slot that holds no WAL (never used, or lost) */
    public record Slot(String name, Long retainedBytes, String walStatus) {
    }

    public record Reading(List<Slot> slots) {
        public Reading {
            slots = List.copyOf(slots);
        }

        public long worstBytes() {
            return slots.stream().map(Slot::retainedBytes).filter(b -> b != null).mapToLong(Long::longValue).max()
                    .orElse(0);
        }
    }

    public SlotLag(Written<Long> limit) {
        super(NAME, SETTING, limit.value(), limit.text());
    }

    @Override
    public Reading read(Connection connection) throws SQLException {
        boolean hasWalStatus = Privileges.bool(connection,
                "current_setting('server_version_num')::int >= {0}::int", "130000");
        List<Slot> slots = new ArrayList<>();
        Sql.forEach(connection, DSL.select(DSL.field("slot_name::text"),
                        DSL.field("pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint"),
                        DSL.field(hasWalStatus ? "wal_status" : "NULL::text"))
                .from(DSL.table("pg_replication_slots")).orderBy(DSL.field("slot_name")), row -> {
                    long bytes = row.getLong(2);
                    slots.add(new Slot(row.getString(1), row.wasNull() ? null : bytes, row.getString(3)));
                });
        return new Reading(slots);
    }

    @Override
    public boolean growsWithWal() {
        return true;
    }

    /** A slot nobody consumes keeps its restart point, so it retains every new byte; a slot holding none stays so. */
    @Override
    public Reading afterWal(Reading reading, WalWritten wal) {
        return new Reading(reading.slots().stream()
                .map(s -> s.retainedBytes() == null ? s
                        : new Slot(s.name(), s.retainedBytes() + wal.bytes(), s.walStatus()))
                .toList());
    }

    @Override
    protected double value(Reading reading) {
        return reading.worstBytes();
    }

    @Override
    protected String over(Reading reading) {
        Slot slot = reading.slots().stream().filter(s -> s.retainedBytes() != null)
                .max(Comparator.comparingLong(Slot::retainedBytes)).orElseThrow();
        return "replication slot " + slot.name() + " retains " + Units.bytes(slot.retainedBytes()) + " of WAL";
    }

    /** Lost and unreserved slots are named whether or not the limit is crossed: their consumers need rebuilding. */
    @Override
    protected String aside(Reading reading) {
        List<String> endangered = reading.slots().stream()
                .filter(s -> "lost".equals(s.walStatus()) || "unreserved".equals(s.walStatus()))
                .map(s -> s.name() + " is " + s.walStatus())
                .toList();
        return endangered.isEmpty() ? "" : " (" + String.join(", ", endangered) + ")";
    }

    @Override
    protected String proceedNote(Reading reading) {
        String aside = aside(reading);
        return aside.isEmpty() ? null : "slots" + aside;
    }
}

package dev.retentioncleanup.robustness;

import dev.retentioncleanup.testing.TestDatabase;
import java.util.List;

/** What the server shows of the tool's own sessions ({@code application_name = 'retention-cleanup'}) in one database. */
final class ToolSessions {
    private ToolSessions() {
    }

    static long count(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'retention-cleanup'"
                + " AND datname = current_database()");
    }

    /** Sessions of the tool inside a transaction (open, idle in it, or waiting). */
    static long inTransaction(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'retention-cleanup'"
                + " AND datname = current_database() AND xact_start IS NOT NULL");
    }

    static long waitingOnLock(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'retention-cleanup'"
                + " AND datname = current_database() AND wait_event_type = 'Lock'");
    }

    static String describe(TestDatabase db) {
        List<List<Object>> rows = db.queryRows("SELECT pid, state, wait_event_type, wait_event, left(query, 80)"
                + " FROM pg_stat_activity WHERE application_name = 'retention-cleanup' AND datname = current_database()");
        return "tool sessions: " + rows;
    }
}

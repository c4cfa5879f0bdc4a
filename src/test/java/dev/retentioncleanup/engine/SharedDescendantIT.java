package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table that hangs off both targets (a file attached to a ticket and to a chat session): the run deletes each
 * row once, through whichever target reaches it first, and the dry run must count it once too.
 */
@ExtendWith(FreshDatabaseExtension.class)
class SharedDescendantIT {
    @BeforeEach
    void load(TestDatabase db) {
        SupportFixture.load(db);
        db.execute("""
                CREATE TABLE support.shared_files (
                    id         bigint PRIMARY KEY,
                    ticket_id  bigint REFERENCES support.tickets (id),
                    session_id text   REFERENCES support.chat_sessions (id));
                CREATE INDEX ON support.shared_files (ticket_id);
                CREATE INDEX ON support.shared_files (session_id);
                -- 1: both parents expire; 2: only the ticket; 3: only the session; 4: neither; 5: ticket only, no session
                INSERT INTO support.shared_files VALUES
                    (1, 14, 'cs-1-4'), (2, 13, 'cs-1-1'), (3, 11, 'cs-1-3'), (4, 11, 'cs-1-1'), (5, 14, NULL);
                """);
    }

    @Test
    void a_row_under_both_targets_is_counted_and_deleted_once(TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, """
                policy:
                  table: support.accounts
                  key: id
                  retention_days: keep_days
                  min_days: 2
                targets:
                  - table: support.tickets
                    key: id
                    timestamp: opened_at
                    tenant: [account_id -> support.accounts.id]
                    extra_children:
                      - 'support."ViewLog"."TicketRef" -> support.tickets.id'
                  - table: support.chat_sessions
                    key: id
                    timestamp: started_at
                    tenant: [channel_id -> support.channels.id, account_id -> support.accounts.id]
                """);

        Runs.Outcome dry = Runs.run(db, dir, config, "--dry-run", "--tenant", "1");
        Runs.Outcome run = Runs.run(db, dir, config, "--tenant", "1");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM support.shared_files")).containsExactly("4");
        SupportFixture.assertState(db, new ArrayList<>(SupportFixture.tickets(1, 3, 4)),
                new ArrayList<>(SupportFixture.sessions(1, 3, 4)));
        assertThat(run.report().tables()).containsEntry("support.shared_files", 4L);
        assertThat(dry.report().tables()).isEqualTo(run.report().tables());
        assertThat(List.copyOf(dry.report().tables().keySet())).isEqualTo(List.copyOf(run.report().tables().keySet()));
    }
}

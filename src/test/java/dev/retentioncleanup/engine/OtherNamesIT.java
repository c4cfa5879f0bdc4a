package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on names other than the example's: a non-public schema, quoted mixed case, a child without primary
 * key, an undeclared FK, SET NULL, a grandchild behind NO ACTION, two targets, a direct and a two-hop tenant path,
 * a text target key, and a policy given as a query. See {@link SupportFixture} for the data.
 */
@ExtendWith(FreshDatabaseExtension.class)
class OtherNamesIT {
    private static final String TARGETS = """
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
            """;

    @BeforeEach
    void load(TestDatabase db) {
        SupportFixture.load(db);
    }

    @Test
    void two_targets_in_a_non_public_schema_with_a_policy_table(TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, """
                policy:
                  table: support.accounts
                  key: id
                  retention_days: keep_days
                  min_days: 2
                """ + TARGETS);
        Map<String, String> before = Tables.hashes(db, "support");

        Runs.Outcome dry = Runs.run(db, dir, config, "--dry-run");

        assertThat(dry.exitCode()).as(dry.describe()).isZero();
        assertThat(Tables.hashes(db, "support")).isEqualTo(before);

        Runs.Outcome run = Runs.run(db, dir, config);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        // 1: 7 days → 10d and 100d go; 2: no policy; 3: -5 floored to 2 → 3d and older; 4: 0 floored to 2
        List<Long> tickets = new ArrayList<>(SupportFixture.tickets(1, 3, 4));
        tickets.addAll(SupportFixture.tickets(3, 2, 3, 4));
        tickets.addAll(SupportFixture.tickets(4, 2, 3, 4));
        List<String> sessions = new ArrayList<>(SupportFixture.sessions(1, 3, 4));
        sessions.addAll(SupportFixture.sessions(3, 2, 3, 4));
        sessions.addAll(SupportFixture.sessions(4, 2, 3, 4));
        SupportFixture.assertState(db, tickets, sessions);
        Map<String, Long> deleted = Map.of(
                "support.tickets", 8L,
                "support.TicketNotes", 16L,
                "support.note_reactions", 16L,
                "support.ticket_audit", 16L,
                "support.ViewLog", 8L,
                "support.chat_sessions", 8L,
                "support.chat_messages", 16L);
        assertThat(run.report().tables()).isEqualTo(deleted);
        assertThat(run.report().tenantRows()).isEqualTo(Map.of(
                "1", Map.of("support.tickets", 2L, "support.chat_sessions", 2L),
                "3", Map.of("support.tickets", 3L, "support.chat_sessions", 3L),
                "4", Map.of("support.tickets", 3L, "support.chat_sessions", 3L)));
        assertThat(run.report().skippedTenants()).containsExactly("2");
        assertThat(dry.report().tables()).isEqualTo(deleted);
        assertThat(dry.report().tenantRows()).isEqualTo(run.report().tenantRows());

        Runs.Outcome again = Runs.run(db, dir, config);

        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.report().tables().values()).containsOnly(0L);
        SupportFixture.assertState(db, tickets, sessions);
    }

    @Test
    void policy_query_and_unqualified_quoted_names_through_search_path(TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, """
                policy:
                  query: "SELECT id AS tenant, keep_days AS retention_days FROM support.accounts WHERE active"
                  min_days: 2
                targets:
                  - table: tickets
                    key: id
                    timestamp: opened_at
                    tenant: [account_id -> accounts.id]
                    extra_children:
                      - '"ViewLog"."TicketRef" -> tickets.id'
                  - table: chat_sessions
                    key: id
                    timestamp: started_at
                    tenant: [channel_id -> channels.id, account_id -> accounts.id]
                """);
        String url = db.jdbcUrl() + "&currentSchema=support";

        Runs.Outcome run = Runs.run(url, dir, config);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        // account 4 is inactive: not in the query's result, so neither deleted from nor listed as skipped
        List<Long> tickets = new ArrayList<>(SupportFixture.tickets(1, 3, 4));
        tickets.addAll(SupportFixture.tickets(3, 2, 3, 4));
        List<String> sessions = new ArrayList<>(SupportFixture.sessions(1, 3, 4));
        sessions.addAll(SupportFixture.sessions(3, 2, 3, 4));
        SupportFixture.assertState(db, tickets, sessions);
        assertThat(run.report().tenantRows()).isEqualTo(Map.of(
                "1", Map.of("support.tickets", 2L, "support.chat_sessions", 2L),
                "3", Map.of("support.tickets", 3L, "support.chat_sessions", 3L)));
        assertThat(run.report().skippedTenants()).containsExactly("2");
        assertThat(run.report().tables()).containsEntry("support.TicketNotes", 10L)
                .containsEntry("support.ticket_audit", 10L).containsEntry("support.chat_messages", 10L);
    }
}

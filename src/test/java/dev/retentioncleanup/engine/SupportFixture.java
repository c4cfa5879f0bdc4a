package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code support} schema of {@code engine/support-schema.sql} and the exact contents of its tables once given
 * tickets and chat sessions are gone. Ticket id = account * 10 + i; session id = 'cs-account-i'; i = 1 → 1 day old,
 * 2 → 3d, 3 → 10d, 4 → 100d.
 */
final class SupportFixture {
    static final List<Long> ACCOUNTS = List.of(1L, 2L, 3L, 4L);

    private SupportFixture() {
    }

    static void load(TestDatabase db) {
        db.execute(ExampleFixture.resource("/engine/support-schema.sql"));
    }

    static List<Long> tickets(long account, int... ages) {
        List<Long> ids = new ArrayList<>();
        for (int i : ages) {
            ids.add(account * 10 + i);
        }
        return ids;
    }

    static List<String> sessions(long account, int... ages) {
        List<String> ids = new ArrayList<>();
        for (int i : ages) {
            ids.add("cs-" + account + "-" + i);
        }
        return ids;
    }

    static Map<String, List<String>> expectedState(Collection<Long> goneTickets, Collection<String> goneSessions) {
        Set<Long> tickets = new TreeSet<>();
        Set<String> sessions = new TreeSet<>();
        for (long account : ACCOUNTS) {
            tickets.addAll(tickets(account, 1, 2, 3, 4));
            sessions.addAll(sessions(account, 1, 2, 3, 4));
        }
        assertThat(tickets).as("test bug: unknown tickets").containsAll(goneTickets);
        assertThat(sessions).as("test bug: unknown sessions").containsAll(goneSessions);
        List<String> escalations = new ArrayList<>(List.of("9001->null"));
        tickets.forEach(t -> escalations.add(t + "->" + (goneTickets.contains(t) ? "null" : t)));
        tickets.removeAll(goneTickets);
        sessions.removeAll(goneSessions);

        Map<String, List<String>> state = new LinkedHashMap<>();
        state.put("accounts", sorted(ACCOUNTS));
        state.put("channels", sorted(List.of(11, 21, 31, 41)));
        state.put("tickets", sorted(tickets));
        List<Long> notes = ExampleFixture.children(tickets, 2);
        state.put("TicketNotes", sorted(notes));
        state.put("note_reactions", sorted(ExampleFixture.children(notes, 1)));
        List<String> audit = new ArrayList<>();
        tickets.forEach(t -> {
            audit.add(t + ":opened");
            audit.add(t + ":closed");
        });
        state.put("ticket_audit", sorted(audit));
        state.put("ViewLog", sorted(ExampleFixture.children(tickets, 1)));
        state.put("escalations", sorted(escalations));
        state.put("chat_sessions", sorted(sessions));
        List<String> messages = new ArrayList<>();
        sessions.forEach(s -> {
            messages.add(s + "/m1");
            messages.add(s + "/m2");
        });
        state.put("chat_messages", sorted(messages));
        return state;
    }

    static Map<String, List<String>> actualState(TestDatabase db) {
        Map<String, List<String>> state = new LinkedHashMap<>();
        state.put("accounts", Tables.column(db, "SELECT id FROM support.accounts"));
        state.put("channels", Tables.column(db, "SELECT id FROM support.channels"));
        state.put("tickets", Tables.column(db, "SELECT id FROM support.tickets"));
        state.put("TicketNotes", Tables.column(db, "SELECT \"Id\" FROM support.\"TicketNotes\""));
        state.put("note_reactions", Tables.column(db, "SELECT id FROM support.note_reactions"));
        state.put("ticket_audit", Tables.column(db, "SELECT ticket_id || ':' || what FROM support.ticket_audit"));
        state.put("ViewLog", Tables.column(db, "SELECT id FROM support.\"ViewLog\""));
        state.put("escalations", Tables.column(db,
                "SELECT id || '->' || coalesce(ticket_id::text, 'null') FROM support.escalations"));
        state.put("chat_sessions", Tables.column(db, "SELECT id FROM support.chat_sessions"));
        state.put("chat_messages", Tables.column(db, "SELECT id FROM support.chat_messages"));
        return state;
    }

    static void assertState(TestDatabase db, Collection<Long> goneTickets, Collection<String> goneSessions) {
        Map<String, List<String>> expected = expectedState(goneTickets, goneSessions);
        Map<String, List<String>> actual = actualState(db);
        expected.forEach((table, rows) -> assertThat(actual.get(table)).as("rows of support.%s", table).isEqualTo(rows));
        String[][] links = {
            {"support.tickets", "account_id", "support.accounts", "id"},
            {"support.\"TicketNotes\"", "\"TicketId\"", "support.tickets", "id"},
            {"support.note_reactions", "note_id", "support.\"TicketNotes\"", "\"Id\""},
            {"support.ticket_audit", "ticket_id", "support.tickets", "id"},
            {"support.\"ViewLog\"", "\"TicketRef\"", "support.tickets", "id"},
            {"support.escalations", "ticket_id", "support.tickets", "id"},
            {"support.chat_sessions", "channel_id", "support.channels", "id"},
            {"support.chat_messages", "session_id", "support.chat_sessions", "id"},
        };
        for (String[] l : links) {
            long orphans = db.queryLong("SELECT count(*) FROM " + l[0] + " c WHERE c." + l[1] + " IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM " + l[2] + " p WHERE p." + l[3] + " = c." + l[1] + ")");
            assertThat(orphans).as("orphans in %s.%s", l[0], l[1]).isZero();
        }
    }

    private static List<String> sorted(Collection<?> values) {
        List<String> texts = new ArrayList<>(values.stream().map(String::valueOf).toList());
        texts.sort(null);
        return texts;
    }
}

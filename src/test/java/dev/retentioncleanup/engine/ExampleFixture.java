package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The example schema with the hand-written fixture {@code engine/example-fixture.sql}, and the exact contents
 * every table must have once a given set of emails is gone. Ids encode ancestry (see the fixture's header).
 *
 * <pre>
 * org 1: retention 7     domains 10, 11   emails 101-106, 111-116
 * org 2: retention 30    domain 20        emails 201-206
 * org 3: NULL (no policy) domain 30       emails 301-306
 * org 4: retention 0     domain 40        emails 401-406
 * email x1 is 1 day old, x2 2d, x3 5d, x4 10d, x5 45d, x6 100d (each plus 5 hours)
 * </pre>
 */
final class ExampleFixture {
    static final List<Long> DOMAINS = List.of(10L, 11L, 20L, 30L, 40L);
    /** Emails with i in (1, 4, 6) have a suppression with the email's id. */
    static final Set<Long> SUPPRESSION_AGES = Set.of(1L, 4L, 6L);

    /** The example config with {@code min_days: 3}; {@code policyExtra} adds keys under policy (indented 2). */
    static String config(String policyExtra) {
        return """
                policy:
                  table: organizations
                  key: id
                  retention_days: retention_days
                  min_days: 3
                %s
                targets:
                  - table: outgoing_emails
                    key: id
                    timestamp: created_at
                    tenant: [domain_id -> domains.id, organization_id -> organizations.id]
                    children: auto
                    extra_children:
                      - email_opens.outgoing_email_id -> outgoing_emails.id
                """.formatted(policyExtra);
    }

    private ExampleFixture() {
    }

    static void load(TestDatabase db) {
        db.runScript(Path.of("sql/example/schema.sql"));
        db.execute(resource("/engine/example-fixture.sql"));
    }

    static String resource(String name) {
        try (InputStream in = ExampleFixture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Long> allEmails() {
        List<Long> emails = new ArrayList<>();
        for (long domain : DOMAINS) {
            for (long i = 1; i <= 6; i++) {
                emails.add(domain * 10 + i);
            }
        }
        return emails;
    }

    /** Rows deleted per table when {@code emails} target rows go, each with all 15 descendants. */
    static Map<String, Long> deletedCounts(long emails) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("public.outgoing_emails", emails);
        counts.put("public.email_bodies", emails);
        counts.put("public.email_recipients", 2 * emails);
        counts.put("public.email_headers", emails);
        counts.put("public.email_attachments", emails);
        counts.put("public.email_events", 2 * emails);
        counts.put("public.webhook_deliveries", 2 * emails);
        counts.put("public.email_links", emails);
        counts.put("public.link_clicks", 2 * emails);
        counts.put("public.email_tags", 2 * emails);
        counts.put("public.email_opens", emails);
        return counts;
    }

    /** Every table's exact expected contents (one text value per row) once exactly {@code gone} emails are deleted. */
    static Map<String, List<String>> expectedState(Collection<Long> gone) {
        assertThat(allEmails()).as("test bug: unknown email ids").containsAll(gone);
        Set<Long> kept = new TreeSet<>(allEmails());
        kept.removeAll(gone);
        Map<String, List<String>> state = new LinkedHashMap<>();
        state.put("organizations", sorted(List.of(1L, 2L, 3L, 4L)));
        state.put("domains", sorted(DOMAINS));
        state.put("outgoing_emails", sorted(kept));
        state.put("email_bodies", sorted(kept));
        state.put("email_recipients", sorted(children(kept, 2)));
        state.put("email_headers", sorted(children(kept, 1)));
        state.put("email_attachments", sorted(children(kept, 1)));
        state.put("email_events", sorted(children(kept, 2)));
        state.put("webhook_deliveries", sorted(children(children(kept, 2), 1)));
        state.put("email_links", sorted(children(kept, 1)));
        state.put("link_clicks", sorted(children(children(kept, 1), 2)));
        List<String> tags = new ArrayList<>();
        kept.forEach(e -> {
            tags.add(e + ":a");
            tags.add(e + ":b");
        });
        state.put("email_tags", sorted(tags));
        state.put("email_opens", sorted(children(kept, 1)));
        List<String> suppressions = new ArrayList<>(List.of("9001->null", "9002->null"));
        for (long email : allEmails()) {
            if (SUPPRESSION_AGES.contains(email % 10)) {
                suppressions.add(email + "->" + (kept.contains(email) ? email : "null"));
            }
        }
        state.put("suppressions", sorted(suppressions));
        return state;
    }

    static Map<String, List<String>> actualState(TestDatabase db) {
        Map<String, List<String>> state = new LinkedHashMap<>();
        for (String table : List.of("organizations", "domains", "outgoing_emails")) {
            state.put(table, Tables.column(db, "SELECT id FROM " + table));
        }
        state.put("email_bodies", Tables.column(db, "SELECT outgoing_email_id FROM email_bodies"));
        for (String table : List.of("email_recipients", "email_headers", "email_attachments", "email_events",
                "webhook_deliveries", "email_links", "link_clicks")) {
            state.put(table, Tables.column(db, "SELECT id FROM " + table));
        }
        state.put("email_tags", Tables.column(db, "SELECT outgoing_email_id || ':' || tag FROM email_tags"));
        state.put("email_opens", Tables.column(db, "SELECT id FROM email_opens"));
        state.put("suppressions", Tables.column(db,
                "SELECT id || '->' || coalesce(source_email_id::text, 'null') FROM suppressions"));
        return state;
    }

    /** Asserts table by table that exactly the rows of the kept emails (and all other rows) are there. */
    static void assertState(TestDatabase db, Collection<Long> gone) {
        Map<String, List<String>> expected = expectedState(gone);
        Map<String, List<String>> actual = actualState(db);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((table, rows) -> assertThat(actual.get(table)).as("rows of %s", table).isEqualTo(rows));
        assertNoOrphans(db);
    }

    /** Every child row's parent exists, declared FK or not (email_opens has none; suppressions may be NULL). */
    static void assertNoOrphans(TestDatabase db) {
        String[][] links = {
            {"domains", "organization_id", "organizations", "id"},
            {"outgoing_emails", "domain_id", "domains", "id"},
            {"email_bodies", "outgoing_email_id", "outgoing_emails", "id"},
            {"email_recipients", "outgoing_email_id", "outgoing_emails", "id"},
            {"email_headers", "outgoing_email_id", "outgoing_emails", "id"},
            {"email_attachments", "outgoing_email_id", "outgoing_emails", "id"},
            {"email_events", "outgoing_email_id", "outgoing_emails", "id"},
            {"webhook_deliveries", "email_event_id", "email_events", "id"},
            {"email_links", "outgoing_email_id", "outgoing_emails", "id"},
            {"link_clicks", "email_link_id", "email_links", "id"},
            {"email_tags", "outgoing_email_id", "outgoing_emails", "id"},
            {"email_opens", "outgoing_email_id", "outgoing_emails", "id"},
            {"suppressions", "source_email_id", "outgoing_emails", "id"},
            {"suppressions", "organization_id", "organizations", "id"},
        };
        for (String[] l : links) {
            long orphans = db.queryLong("SELECT count(*) FROM " + l[0] + " c WHERE c." + l[1] + " IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM " + l[2] + " p WHERE p." + l[3] + " = c." + l[1] + ")");
            assertThat(orphans).as("orphans in %s.%s -> %s", l[0], l[1], l[2]).isZero();
        }
    }

    static List<Long> children(Collection<Long> parents, int perParent) {
        List<Long> ids = new ArrayList<>();
        for (long parent : parents) {
            for (int k = 1; k <= perParent; k++) {
                ids.add(parent * 10 + k);
            }
        }
        return ids;
    }

    private static List<String> sorted(Collection<?> values) {
        List<String> texts = new ArrayList<>(values.stream().map(String::valueOf).toList());
        texts.sort(null);
        return texts;
    }
}

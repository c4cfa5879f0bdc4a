package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;

/**
 * The example schema with a small, exact data set: organization 1 (30 days) has 10 emails 60 days old (they go)
 * and 5 from yesterday (they stay); organization 2 has no policy and 4 old emails (they stay). Every email has a
 * body, an event with a webhook delivery, and an open (email_opens has no FK: an extra child). One suppression
 * points at email 1 (ON DELETE SET NULL: the row stays).
 */
final class ObserveFixture {
    static final Path SCHEMA = Path.of("sql/example/schema.sql");
    static final Path CONFIG = Path.of("examples/retention.yml").toAbsolutePath();
    static final long DELETED_EMAILS = 10;
    /** Emails, bodies, events, webhook deliveries, opens. */
    static final long DELETED_ROWS = 5 * DELETED_EMAILS;
    static final long SURVIVING_EMAILS = 9;

    private ObserveFixture() {
    }

    static void createSchema(TestDatabase db) {
        db.runScript(SCHEMA);
    }

    static void seed(TestDatabase db) {
        db.execute("""
                TRUNCATE organizations, domains, outgoing_emails, email_bodies, email_recipients, email_headers,
                         email_attachments, email_events, webhook_deliveries, email_links, link_clicks, email_tags,
                         email_opens, suppressions RESTART IDENTITY;
                INSERT INTO organizations (id, name, retention_days) VALUES (1, 'Acme', 30), (2, 'Umbrella', NULL);
                INSERT INTO domains (id, organization_id, name) VALUES (1, 1, 'a.example'), (2, 2, 'b.example');
                INSERT INTO outgoing_emails (id, domain_id, message_id, from_address, subject, status, created_at)
                SELECT e, CASE WHEN e <= 15 THEN 1 ELSE 2 END, 'm' || e, 'n@x.example', 's', 'delivered',
                       CASE WHEN e BETWEEN 11 AND 15 THEN now() - interval '1 day'
                            ELSE now() - interval '60 days' + e * interval '1 minute' END
                FROM generate_series(1, 19) AS e;
                INSERT INTO email_bodies (outgoing_email_id, text_body) SELECT id, 'b' FROM outgoing_emails;
                INSERT INTO email_events (id, outgoing_email_id, event_type, occurred_at)
                SELECT id, id, 'queued', created_at FROM outgoing_emails;
                INSERT INTO webhook_deliveries (email_event_id, endpoint_url) SELECT id, 'https://h.example' FROM email_events;
                INSERT INTO email_opens (outgoing_email_id, opened_at) SELECT id, created_at FROM outgoing_emails;
                INSERT INTO suppressions (organization_id, address, reason, source_email_id)
                VALUES (1, 'x@y.example', 'hard_bounce', 1);
                """);
    }

    /** Both sides: what must go is gone, what must stay (young emails, the tenant without policy) stays. */
    static void assertCleaned(TestDatabase db) {
        assertThat(db.queryRows("SELECT id FROM outgoing_emails ORDER BY id").stream().map(r -> ((Number) r.get(0)).longValue()))
                .containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        for (String child : new String[] {"email_bodies", "email_events", "email_opens"}) {
            assertThat(db.queryLong("SELECT count(*) FROM " + child)).as(child).isEqualTo(SURVIVING_EMAILS);
        }
        assertThat(db.queryLong("SELECT count(*) FROM webhook_deliveries")).isEqualTo(SURVIVING_EMAILS);
        assertThat(db.queryRows("SELECT organization_id, source_email_id FROM suppressions"))
                .containsExactly(java.util.Arrays.asList(1L, null));
    }

    static void assertUntouched(TestDatabase db) {
        assertThat(db.queryLong("SELECT count(*) FROM outgoing_emails")).isEqualTo(19);
        assertThat(db.queryLong("SELECT count(*) FROM email_opens")).isEqualTo(19);
        assertThat(db.queryLong("SELECT count(*) FROM webhook_deliveries")).isEqualTo(19);
        assertThat(db.queryLong("SELECT count(*) FROM suppressions WHERE source_email_id = 1")).isEqualTo(1);
    }
}

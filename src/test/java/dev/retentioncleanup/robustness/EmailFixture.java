package dev.retentioncleanup.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The small email schema of {@code robustness/emails.sql} with {@code emails} seeded rows, a config for it,
 * and the checks every robustness test makes: exactly which emails remain, and that each remaining email
 * still has every one of its children (a half-applied batch would leave an email without some) while no
 * child is left without its email.
 */
final class EmailFixture {
    static final String TARGET = "public.outgoing_emails";

    private final TestDatabase db;
    private final int emails;
    private final Path config;

    private EmailFixture(TestDatabase db, int emails, Path config) {
        this.db = db;
        this.emails = emails;
        this.config = config;
    }

    /** (Re)creates the schema, seeds emails 1..emails and writes the config into {@code dir}. */
    static EmailFixture create(TestDatabase db, int emails, Path dir) {
        db.runScript(resource("robustness/emails.sql"));
        db.execute("SELECT robustness_seed(" + emails + ")");
        Path config = dir.resolve("retention.yml");
        try {
            Files.writeString(config, """
                    policy:
                      table: organizations
                      key: id
                      retention_days: retention_days
                      min_days: 1
                    targets:
                      - table: outgoing_emails
                        key: id
                        timestamp: created_at
                        tenant: [domain_id -> domains.id, organization_id -> organizations.id]
                        children: auto
                        extra_children:
                          - email_opens.outgoing_email_id -> outgoing_emails.id
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmailFixture(db, emails, config);
    }

    static Path resource(String name) {
        try {
            return Path.of(EmailFixture.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Old and owned by a tenant with a policy (see emails.sql). */
    static boolean eligible(long id) {
        return id % 4 != 0 && id % 3 != 2;
    }

    Path config() {
        return config;
    }

    /** {@code run --config … --db-url …} followed by {@code extra}. */
    String[] runArgs(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--db-url", db.libpqUri()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Eligible ids in the order the tool takes them (keyset order = id order here). */
    List<Long> eligibleIds() {
        return LongStream.rangeClosed(1, emails).filter(EmailFixture::eligible).boxed().toList();
    }

    List<Long> ineligibleIds() {
        return LongStream.rangeClosed(1, emails).filter(id -> !eligible(id)).boxed().toList();
    }

    List<Long> remainingIds() {
        return db.queryRows("SELECT id FROM outgoing_emails ORDER BY id").stream()
                .map(r -> ((Number) r.get(0)).longValue()).toList();
    }

    long remainingCount() {
        return db.queryLong("SELECT count(*) FROM outgoing_emails");
    }

    /** Exactly the oldest {@code gone} eligible emails were deleted; everything else is there, whole. */
    void assertOldestEligibleGone(int gone) {
        List<Long> deleted = eligibleIds().subList(0, gone);
        List<Long> expected = LongStream.rangeClosed(1, emails).filter(id -> !deleted.contains(id)).boxed().toList();
        assertThat(remainingIds()).as("remaining emails after deleting the oldest %d eligible", gone)
                .containsExactlyElementsOf(expected);
        assertWhole();
    }

    /** Every eligible email is gone, every other one remains, whole. */
    void assertCompleted() {
        assertThat(remainingIds()).as("remaining emails").containsExactlyElementsOf(ineligibleIds());
        assertWhole();
    }

    /**
     * No half-applied batch and no orphans: every remaining email has all its children and grandchildren
     * (2 recipients, 1 event with 1 webhook delivery, 1 open), and every child row belongs to a remaining email.
     */
    void assertWhole() {
        assertThat(db.queryLong("""
                SELECT count(*) FROM outgoing_emails e
                WHERE (SELECT count(*) FROM email_recipients r WHERE r.outgoing_email_id = e.id) <> 2
                   OR (SELECT count(*) FROM email_events v WHERE v.outgoing_email_id = e.id) <> 1
                   OR (SELECT count(*) FROM webhook_deliveries w JOIN email_events v ON v.id = w.email_event_id
                       WHERE v.outgoing_email_id = e.id) <> 1
                   OR (SELECT count(*) FROM email_opens o WHERE o.outgoing_email_id = e.id) <> 1
                """)).as("emails lacking some of their children (a partial batch)").isZero();
        long remaining = remainingCount();
        assertThat(db.queryLong("SELECT count(*) FROM email_recipients")).as("recipients").isEqualTo(2 * remaining);
        assertThat(db.queryLong("SELECT count(*) FROM email_events")).as("events").isEqualTo(remaining);
        assertThat(db.queryLong("SELECT count(*) FROM webhook_deliveries")).as("webhook deliveries").isEqualTo(remaining);
        assertThat(db.queryLong("SELECT count(*) FROM email_opens")).as("opens").isEqualTo(remaining);
        assertThat(db.queryLong("""
                SELECT count(*) FROM email_opens o
                WHERE NOT EXISTS (SELECT 1 FROM outgoing_emails e WHERE e.id = o.outgoing_email_id)
                """)).as("orphaned opens (no FK protects them)").isZero();
    }
}

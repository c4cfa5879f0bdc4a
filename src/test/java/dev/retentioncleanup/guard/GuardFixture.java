package dev.retentioncleanup.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A tenant table and events with one detail row each, wide enough (about 1.5 kB a row) that deleting them
 * writes real WAL, especially right after a checkpoint (full-page images). Tenant 1 keeps 30 days; tenant 2
 * has no policy (kept whole); young rows of tenant 1 stay.
 */
final class GuardFixture {
    static final int YOUNG = 50;
    static final int UNPOLICED = 40;

    private GuardFixture() {
    }

    static void create(TestDatabase db, int oldEvents) {
        db.execute("""
                DROP TABLE IF EXISTS event_details, events, organizations;
                CREATE TABLE organizations (id bigint PRIMARY KEY, retention_days int);
                CREATE TABLE events (id bigserial PRIMARY KEY, organization_id bigint NOT NULL REFERENCES organizations(id),
                    created_at timestamptz NOT NULL, payload text NOT NULL);
                CREATE INDEX events_age ON events (created_at, id);
                CREATE INDEX events_org ON events (organization_id);
                CREATE TABLE event_details (id bigserial PRIMARY KEY, event_id bigint NOT NULL REFERENCES events(id),
                    body text NOT NULL);
                CREATE INDEX event_details_event ON event_details (event_id);
                ALTER TABLE events ALTER COLUMN payload SET STORAGE PLAIN;
                ALTER TABLE event_details ALTER COLUMN body SET STORAGE PLAIN;
                INSERT INTO organizations VALUES (1, 30), (2, NULL);
                """);
        db.execute("INSERT INTO events (organization_id, created_at, payload) SELECT 1, now() - interval '100 days' + g * interval '1 second', repeat(md5(g::text), 24) FROM generate_series(1, " + oldEvents + ") g");
        db.execute("INSERT INTO events (organization_id, created_at, payload) SELECT 1, now() - interval '1 day', repeat('y', 700) FROM generate_series(1, " + YOUNG + ") g");
        db.execute("INSERT INTO events (organization_id, created_at, payload) SELECT 2, now() - interval '400 days', repeat('z', 700) FROM generate_series(1, " + UNPOLICED + ") g");
        db.execute("INSERT INTO event_details (event_id, body) SELECT id, repeat(md5(id::text), 24) FROM events");
        db.execute("VACUUM ANALYZE");
    }

    static Path config(Path dir) throws IOException {
        return Files.writeString(dir.resolve("retention.yml"), """
                policy:
                  table: organizations
                  key: id
                  retention_days: retention_days
                targets:
                  - table: events
                    key: id
                    timestamp: created_at
                    tenant: [organization_id -> organizations.id]
                    children: auto
                """);
    }

    static long oldLeft(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM events WHERE organization_id = 1 AND created_at < now() - interval '30 days'");
    }

    /** What must stay stays, and no detail outlives its event. */
    static void assertKeptAndNoOrphans(TestDatabase db) {
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE organization_id = 1 AND created_at > now() - interval '2 days'"))
                .isEqualTo(YOUNG);
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE organization_id = 2")).isEqualTo(UNPOLICED);
        assertThat(db.queryLong("SELECT count(*) FROM event_details d WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = d.event_id)"))
                .isZero();
        assertThat(db.queryLong("SELECT count(*) FROM event_details")).isEqualTo(db.queryLong("SELECT count(*) FROM events"));
    }

    static void poll(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    static String testDbDir() {
        return System.getenv("RETENTION_TESTDB_DIR");
    }

    /** scripts/test-db.sh SUBCOMMAND against the cluster in RETENTION_TESTDB_DIR. */
    static void testDb(String subcommand) throws IOException, InterruptedException {
        Path script = Path.of("scripts/test-db.sh").toAbsolutePath();
        Process p = new ProcessBuilder(script.toString(), subcommand).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("test-db.sh " + subcommand + ": " + out).isZero();
    }
}

package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * How work is cut: {@code --max-rows-per-transaction} bounds every transaction (checked by a row trigger that
 * records the deleting transaction of every row), and {@code --max-rows} stops after exactly that many targets.
 * Every email of the fixture has 15 descendants, far more than the bound of 3.
 */
@ExtendWith(FreshDatabaseExtension.class)
class BatchBoundsIT {
    private static final List<String> DELETED_TABLES = List.of("outgoing_emails", "email_bodies", "email_recipients",
            "email_headers", "email_attachments", "email_events", "webhook_deliveries", "email_links", "link_clicks",
            "email_tags", "email_opens");

    @BeforeEach
    void load(TestDatabase db) {
        ExampleFixture.load(db);
    }

    @Test
    void no_transaction_deletes_more_than_max_rows_per_transaction(TestDatabase db, @TempDir Path dir) {
        recordDeletingTransactions(db);
        Path config = Runs.config(dir, ExampleFixture.config(""));

        Runs.Outcome run = Runs.run(db, dir, config, "--batch-size", "1", "--max-rows-per-transaction", "3");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        ExampleFixture.assertState(db, ExampleSchemaIT.GONE);
        assertThat(run.report().tables()).isEqualTo(ExampleFixture.deletedCounts(12));
        assertThat(run.report().batches()).isEqualTo(12);
        assertThat(db.queryLong("SELECT count(*) FROM deletions")).isEqualTo(12 * 16);
        assertThat(db.queryLong("SELECT max(n) FROM (SELECT count(*) AS n FROM deletions GROUP BY xid) AS t"))
                .as("rows deleted by the largest transaction").isLessThanOrEqualTo(3);
        // batch size 1: each target row goes in a transaction of its own
        assertThat(db.queryRows("SELECT count(*) FROM deletions WHERE tbl = 'outgoing_emails' GROUP BY xid"))
                .hasSize(12).allSatisfy(row -> assertThat(row.get(0)).isEqualTo(1L));
    }

    @Test
    void max_rows_stops_after_exactly_that_many_targets_oldest_first_and_a_rerun_completes(TestDatabase db,
            @TempDir Path dir) {
        Path config = Runs.config(dir, ExampleFixture.config(""));

        Runs.Outcome stopped = Runs.run(db, dir, config, "--batch-size", "2", "--max-rows", "5");

        assertThat(stopped.exitCode()).as(stopped.describe()).isEqualTo(5);
        // oldest first by (created_at, id): the four 100-day-old emails with a policy, then the smallest 45-day one
        ExampleFixture.assertState(db, List.of(106L, 116L, 206L, 406L, 105L));
        assertThat(stopped.report().status()).isEqualTo("stopped");
        assertThat(stopped.report().exitCode()).isEqualTo(5);
        assertThat(stopped.report().field("stop_reason").asText()).contains("max-rows 5");
        assertThat(stopped.report().tables()).isEqualTo(ExampleFixture.deletedCounts(5));
        assertThat(stopped.report().tenantRows()).isEqualTo(Map.of(
                "1", Map.of("public.outgoing_emails", 3L),
                "2", Map.of("public.outgoing_emails", 1L),
                "4", Map.of("public.outgoing_emails", 1L)));

        Runs.Outcome rerun = Runs.run(db, dir, config);

        assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
        ExampleFixture.assertState(db, ExampleSchemaIT.GONE);
        assertThat(rerun.report().tables()).isEqualTo(ExampleFixture.deletedCounts(7));
    }

    @Test
    void max_rows_equal_to_the_backlog_completes(TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, ExampleFixture.config(""));

        Runs.Outcome run = Runs.run(db, dir, config, "--batch-size", "4", "--max-rows", "12");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        ExampleFixture.assertState(db, ExampleSchemaIT.GONE);
        assertThat(run.report().status()).isEqualTo("completed");
        assertThat(run.report().field("stop_reason").isNull()).isTrue();
        assertThat(run.report().tables()).isEqualTo(ExampleFixture.deletedCounts(12));
    }

    @Test
    void a_target_that_turns_young_between_drain_steps_is_not_deleted(TestDatabase db, @TempDir Path dir) {
        // Stands in for the application touching email 106 while its descendants are being drained.
        db.execute("""
                CREATE FUNCTION rejuvenate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE outgoing_emails SET created_at = now() WHERE id = OLD.outgoing_email_id AND id = 106;
                    RETURN OLD;
                END $$;
                CREATE TRIGGER rejuvenate AFTER DELETE ON email_bodies FOR EACH ROW EXECUTE FUNCTION rejuvenate();
                """);
        Path config = Runs.config(dir, ExampleFixture.config(""));

        Runs.Outcome run = Runs.run(db, dir, config, "--batch-size", "1", "--max-rows-per-transaction", "3");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM outgoing_emails WHERE id = 106")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM outgoing_emails WHERE id IN (104, 105, 114, 115, 116, 205, 206,"
                + " 403, 404, 405, 406)")).isZero();
        assertThat(run.report().tables()).containsEntry("public.outgoing_emails", 11L);
    }

    /** A row trigger on every table the run deletes from records the deleting transaction's id. */
    private static void recordDeletingTransactions(TestDatabase db) {
        db.execute("""
                CREATE TABLE deletions (seq bigserial PRIMARY KEY, xid bigint NOT NULL DEFAULT txid_current(),
                                        tbl text NOT NULL);
                CREATE FUNCTION record_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO deletions (tbl) VALUES (TG_TABLE_NAME);
                    RETURN OLD;
                END $$;
                """);
        for (String table : DELETED_TABLES) {
            db.execute("CREATE TRIGGER record_deletion AFTER DELETE ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION record_deletion()");
        }
    }
}

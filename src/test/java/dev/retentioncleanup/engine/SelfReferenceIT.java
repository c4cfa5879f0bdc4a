package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies reference the email they answer ({@code ON DELETE CASCADE}, so deleting a referenced email would delete a
 * kept reply). A young reply holds its old ancestors; old threads go together, even across batches of one row.
 */
@ExtendWith(FreshDatabaseExtension.class)
class SelfReferenceIT {
    @BeforeEach
    void load(TestDatabase db) {
        db.execute("""
                DROP SCHEMA public CASCADE;
                CREATE SCHEMA public;
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
                INSERT INTO orgs VALUES (1, 10);
                CREATE TABLE emails (id int PRIMARY KEY, org_id int NOT NULL, created_at timestamptz NOT NULL,
                                     reply_to_id int REFERENCES emails ON DELETE CASCADE);
                CREATE INDEX ON emails (reply_to_id);
                CREATE TABLE recipients (id int PRIMARY KEY, email_id int NOT NULL REFERENCES emails);
                INSERT INTO emails VALUES
                    (1, 1, now() - interval '30 days', NULL),
                    (2, 1, now() - interval '29 days', 1),
                    (3, 1, now(), 2),                       -- young: holds 2, and through it 1
                    (4, 1, now() - interval '28 days', NULL),
                    (5, 1, now() - interval '27 days', 4),  -- 4 and 5 go together
                    (6, 1, now() - interval '26 days', NULL),
                    (7, 1, now(), 6),                       -- holds 6
                    (8, 1, now() - interval '25 days', NULL),
                    (9, 1, now() - interval '24 days', 8),
                    (10, 1, now() - interval '23 days', 9); -- 8, 9, 10 go together
                INSERT INTO recipients SELECT id * 10, id FROM emails;
                """);
    }

    private static Path config(Path dir) {
        return Runs.config(dir, """
                policy: {table: orgs, key: id, retention_days: retention_days}
                targets:
                  - {table: emails, key: id, timestamp: created_at, tenant: [org_id -> orgs.id]}
                """);
    }

    @Test
    void kept_replies_hold_what_they_reference_and_old_threads_go_together(TestDatabase db, @TempDir Path dir) {
        Path config = config(dir);

        Runs.Outcome dry = Runs.run(db, dir, config, "--dry-run");
        Runs.Outcome run = Runs.run(db, dir, config, "--batch-size", "1");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM emails ORDER BY id")).containsExactly("1", "2", "3", "6", "7");
        assertThat(Tables.column(db, "SELECT email_id FROM recipients ORDER BY 1"))
                .containsExactly("1", "2", "3", "6", "7");
        assertThat(run.report().held()).containsExactly(java.util.Map.entry("public.emails", 3L));
        assertThat(run.report().tables()).containsEntry("public.emails", 5L).containsEntry("public.recipients", 5L);
        assertThat(dry.report().held()).isEqualTo(run.report().held());
        assertThat(dry.report().tables()).isEqualTo(run.report().tables());
    }

    @Test
    void a_thread_longer_than_a_transaction_goes_in_steps_replies_first(TestDatabase db, @TempDir Path dir) {
        Path config = config(dir);

        Runs.Outcome run = Runs.run(db, dir, config, "--batch-size", "1", "--max-rows-per-transaction", "2");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM emails ORDER BY id")).containsExactly("1", "2", "3", "6", "7");
        assertThat(run.report().held()).containsExactly(java.util.Map.entry("public.emails", 3L));
    }

    @Test
    void a_held_row_goes_in_a_later_run_once_free(TestDatabase db, @TempDir Path dir) {
        Path config = config(dir);
        Runs.run(db, dir, config);
        db.execute("DELETE FROM recipients WHERE email_id = 7; DELETE FROM emails WHERE id = 7");

        Runs.Outcome again = Runs.run(db, dir, config);

        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM emails ORDER BY id")).containsExactly("1", "2", "3");
        assertThat(again.report().held()).containsExactly(java.util.Map.entry("public.emails", 2L));
    }
}

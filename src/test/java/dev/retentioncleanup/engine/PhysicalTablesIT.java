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
 * A ctid names a row only inside one physical table. Partitions and INHERITS children each start at (0,1), so the
 * rows of a doomed email and of a kept one share ctids here; the run must delete the doomed ones only.
 */
@ExtendWith(FreshDatabaseExtension.class)
class PhysicalTablesIT {
    @BeforeEach
    void load(TestDatabase db) {
        db.execute("""
                DROP SCHEMA public CASCADE;
                CREATE SCHEMA public;
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
                INSERT INTO orgs VALUES (1, 30), (2, NULL);
                CREATE TABLE emails (id bigint PRIMARY KEY, org_id int NOT NULL REFERENCES orgs,
                                     created_at timestamptz NOT NULL);
                -- 1: old, org 1 (doomed); 2: young, org 1 (kept); 3: old, org 2 without policy (kept)
                INSERT INTO emails VALUES (1, 1, now() - interval '40 days'), (2, 1, now()), (3, 2, now() - interval '40 days');
                CREATE TABLE events (id bigint, email_id bigint NOT NULL REFERENCES emails, kind text NOT NULL)
                    PARTITION BY LIST (kind);
                CREATE TABLE events_a PARTITION OF events FOR VALUES IN ('a');
                CREATE TABLE events_b PARTITION OF events FOR VALUES IN ('b');
                INSERT INTO events VALUES (10, 1, 'a'), (20, 2, 'b'), (30, 3, 'b'), (11, 1, 'a');
                CREATE TABLE notes (id bigint, email_id bigint NOT NULL);
                CREATE TABLE notes_archive () INHERITS (notes);
                INSERT INTO notes VALUES (100, 1);
                INSERT INTO notes_archive VALUES (200, 2), (300, 3);
                """);
    }

    @Test
    void partitioned_and_inherited_descendants_lose_only_the_doomed_rows(TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, """
                policy: {table: orgs, key: id, retention_days: retention_days}
                targets:
                  - table: emails
                    key: id
                    timestamp: created_at
                    tenant: [org_id -> orgs.id]
                    extra_children: ['notes.email_id -> emails.id']
                """);

        Runs.Outcome dry = Runs.run(db, dir, config, "--dry-run");
        Runs.Outcome run = Runs.run(db, dir, config, "--max-rows-per-transaction", "1");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM emails ORDER BY id")).containsExactly("2", "3");
        assertThat(Tables.column(db, "SELECT id FROM events ORDER BY id")).containsExactly("20", "30");
        assertThat(Tables.column(db, "SELECT id FROM notes ORDER BY id")).containsExactly("200", "300");
        assertThat(run.report().tables()).containsEntry("public.events", 2L).containsEntry("public.notes", 1L)
                .containsEntry("public.emails", 1L);
        assertThat(dry.report().tables()).isEqualTo(run.report().tables());
    }

    @Test
    void archiving_refuses_a_graph_with_inherits_children_and_archives_partitions(TestDatabase db, @TempDir Path dir) {
        String target = """
                policy: {table: orgs, key: id, retention_days: retention_days}
                targets:
                  - table: emails
                    key: id
                    timestamp: created_at
                    tenant: [org_id -> orgs.id]
                """;
        Path archive = dir.resolve("archive");

        Runs.Outcome inherited = Runs.run(db, dir, Runs.config(dir, target
                + "    extra_children: ['notes.email_id -> emails.id']\n"), "--archive-dir", archive.toString());

        assertThat(inherited.exitCode()).as(inherited.describe()).isEqualTo(2);
        assertThat(inherited.cli().err()).contains("public.notes has INHERITS children");
        assertThat(Tables.column(db, "SELECT id FROM emails ORDER BY id")).containsExactly("1", "2", "3");

        db.execute("DROP TABLE notes CASCADE");
        Runs.Outcome partitioned = Runs.run(db, dir, Runs.config(dir, target), "--archive-dir", archive.toString(),
                "--max-rows-per-transaction", "1");
        assertThat(partitioned.exitCode()).as(partitioned.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM events ORDER BY id")).containsExactly("20", "30");
        assertThat(partitioned.report().field("archive").get("rows").asLong()).as("events 10 and 11, email 1")
                .isEqualTo(3);
    }

    @Test
    void a_target_partitioned_by_time_is_identified_by_key_and_timestamp(TestDatabase db, @TempDir Path dir) {
        db.execute("""
                CREATE TABLE pemails (id bigint NOT NULL, org_id int NOT NULL REFERENCES orgs,
                                      created_at timestamptz NOT NULL, PRIMARY KEY (id, created_at))
                    PARTITION BY RANGE (created_at);
                CREATE TABLE pemails_old PARTITION OF pemails FOR VALUES FROM (MINVALUE) TO ('2000-01-01');
                CREATE TABLE pemails_rest PARTITION OF pemails DEFAULT;
                CREATE TABLE pevents (id bigint NOT NULL, email_id bigint NOT NULL, email_created_at timestamptz NOT NULL,
                                      at timestamptz NOT NULL,
                                      FOREIGN KEY (email_id, email_created_at) REFERENCES pemails ON DELETE CASCADE)
                    PARTITION BY RANGE (at);
                CREATE TABLE pevents_old PARTITION OF pevents FOR VALUES FROM (MINVALUE) TO ('2000-01-01');
                CREATE TABLE pevents_rest PARTITION OF pevents DEFAULT;
                -- the same id twice: the old row goes, the young one (another partition) stays
                INSERT INTO pemails VALUES (1, 1, '1999-06-01'), (1, 1, now()), (2, 1, now() - interval '40 days'),
                                           (3, 2, '1999-06-01');
                INSERT INTO pevents VALUES (10, 1, '1999-06-01', '1999-06-02'), (11, 1, '1999-06-01', now()),
                                           (20, 1, (SELECT created_at FROM pemails WHERE id = 1 AND created_at > '2000-01-01'), now()),
                                           (30, 2, (SELECT created_at FROM pemails WHERE id = 2), '1999-01-01'),
                                           (40, 3, '1999-06-01', '1999-06-02');
                """);
        Path config = Runs.config(dir, """
                policy: {table: orgs, key: id, retention_days: retention_days}
                targets:
                  - {table: pemails, key: id, timestamp: created_at, tenant: [org_id -> orgs.id]}
                """);

        Runs.Outcome dry = Runs.run(db, dir, config, "--dry-run");
        Runs.Outcome run = Runs.run(db, dir, config, "--batch-size", "1");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id || '@' || (created_at < '2000-01-01') FROM pemails ORDER BY 1"))
                .containsExactly("1@false", "3@true");
        assertThat(Tables.column(db, "SELECT id FROM pevents ORDER BY id")).containsExactly("20", "40");
        assertThat(run.report().tables()).containsEntry("public.pemails", 2L).containsEntry("public.pevents", 3L);
        assertThat(dry.report().tables()).isEqualTo(run.report().tables());
    }

    @Test
    void an_inherited_target_never_deletes_by_a_key_another_member_table_repeats(TestDatabase db, @TempDir Path dir) {
        db.execute("""
                CREATE TABLE messages (id bigint PRIMARY KEY, org_id int NOT NULL, created_at timestamptz NOT NULL);
                CREATE TABLE messages_2019 () INHERITS (messages);
                CREATE TABLE attachments (id bigint PRIMARY KEY, message_id bigint NOT NULL);
                -- 1: old, only in the parent (goes); 2: old in the parent, young in the child table (the key names
                -- two rows: both stay); 3: old, only in the child table (goes); 4: young (stays)
                INSERT INTO messages VALUES (1, 1, now() - interval '40 days'), (2, 1, now() - interval '40 days'),
                                            (4, 1, now());
                INSERT INTO messages_2019 VALUES (2, 1, now()), (3, 1, now() - interval '40 days');
                INSERT INTO attachments VALUES (10, 1), (20, 2), (30, 3), (40, 4);
                """);
        Path config = Runs.config(dir, """
                policy: {table: orgs, key: id, retention_days: retention_days}
                targets:
                  - table: messages
                    key: id
                    timestamp: created_at
                    tenant: [org_id -> orgs.id]
                    extra_children: ['attachments.message_id -> messages.id']
                """);

        Runs.Outcome dry = Runs.run(db, dir, config, "--dry-run");
        Runs.Outcome run = Runs.run(db, dir, config);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id || '@' || tableoid::regclass FROM messages ORDER BY 1"))
                .containsExactly("2@messages", "2@messages_2019", "4@messages");
        assertThat(Tables.column(db, "SELECT id FROM attachments ORDER BY id")).containsExactly("20", "40");
        assertThat(dry.report().tables()).isEqualTo(run.report().tables());
    }
}

package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A key that could name several rows deletes rows of younger targets: refused before anything is touched. */
@ExtendWith(FreshDatabaseExtension.class)
class KeyRulesIT {
    @BeforeEach
    void load(TestDatabase db) {
        db.execute("""
                DROP SCHEMA public CASCADE;
                CREATE SCHEMA public;
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
                INSERT INTO orgs VALUES (1, 30);
                CREATE TABLE emails (id bigint PRIMARY KEY, ref bigint, code bigint NOT NULL, org_id int NOT NULL,
                                     created_at timestamptz NOT NULL);
                CREATE INDEX ON emails (code);
                INSERT INTO emails VALUES (1, 7, 5, 1, now() - interval '40 days'), (2, NULL, 5, 1, now());
                CREATE TABLE opens (id bigint PRIMARY KEY, email_code bigint);
                INSERT INTO opens VALUES (1, 5);
                """);
    }

    private static Runs.Outcome run(TestDatabase db, Path dir, String key, String extra) {
        return Runs.run(db, dir, Runs.config(dir, """
                policy: {table: orgs, key: id, retention_days: retention_days}
                targets:
                  - table: emails
                    key: %s
                    timestamp: created_at
                    tenant: [org_id -> orgs.id]
                    extra_children: [%s]
                """.formatted(key, extra)));
    }

    @Test
    void a_key_without_a_unique_index_is_refused(TestDatabase db, @TempDir Path dir) {
        Runs.Outcome run = run(db, dir, "code", "");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.cli().err()).contains("targets[0].key: public.emails.code has no primary key or unique index");
        assertThat(Tables.column(db, "SELECT id FROM emails ORDER BY id")).containsExactly("1", "2");
    }

    @Test
    void a_nullable_key_is_refused(TestDatabase db, @TempDir Path dir) {
        db.execute("CREATE UNIQUE INDEX ON emails (ref)");

        Runs.Outcome run = run(db, dir, "ref", "");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.cli().err()).contains("targets[0].key: column public.emails.ref is nullable");
        db.execute("DROP INDEX emails_ref_idx");
    }

    @Test
    void an_extra_children_parent_column_must_be_unique(TestDatabase db, @TempDir Path dir) {
        Runs.Outcome run = run(db, dir, "id", "'opens.email_code -> emails.code'");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.cli().err()).contains("targets[0].extra_children[0]: public.emails.code has no primary key");
        assertThat(Tables.column(db, "SELECT id FROM opens")).containsExactly("1");
    }
}

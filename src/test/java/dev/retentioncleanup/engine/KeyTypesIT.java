package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Target keys and timestamps of other types than bigint and timestamptz: keys travel as typed arrays and keyset
 * positions as the server's text, so each type must round-trip. Batch size 1 makes every row a keyset step.
 */
@ExtendWith(FreshDatabaseExtension.class)
class KeyTypesIT {

    @ParameterizedTest(name = "key {0}, timestamp {2}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "integer ; i ; timestamptz",
        "varchar(64) ; 'key-' || i ; timestamptz",
        "uuid ; ('00000000-0000-0000-0000-00000000000' || i)::uuid ; timestamptz",
        "numeric(12,2) ; i + 0.5 ; timestamptz",
        "text ; 'k' || i ; timestamp",
        "bigint ; i ; date",
    })
    void keys_and_timestamps_of_other_types_round_trip(String keyType, String keyExpr, String tsType, TestDatabase db,
            @TempDir Path dir) {
        String key = keyExpr;
        createTables(db, keyType, tsType);
        db.execute("INSERT INTO kt.tenants VALUES (2, NULL)");
        db.execute("CREATE INDEX ON kt.parts (item_id)");
        // i = 1..4 for tenant 1: 1, 2 are 1 day old, 3, 4 are 20 days old (equal timestamps: ties break by key);
        // i = 5..6 for tenant 2 (no policy), 20 days old
        db.execute("INSERT INTO kt.items SELECT " + key + ", CASE WHEN i <= 4 THEN 1 ELSE 2 END, "
                + "(now() - make_interval(days => CASE WHEN i IN (1, 2) THEN 1 ELSE 20 END))::" + tsType
                + " FROM generate_series(1, 6) AS i");
        db.execute("INSERT INTO kt.parts (item_id) SELECT id FROM kt.items, generate_series(1, 2)");
        Path config = Runs.config(dir, CONFIG);

        Runs.Outcome dry = Runs.run(db, dir, config, "--dry-run");
        Runs.Outcome run = Runs.run(db, dir, config, "--batch-size", "1");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT i FROM generate_series(1, 6) AS i WHERE EXISTS "
                + "(SELECT 1 FROM kt.items WHERE id = (" + key + ")::" + keyType + ")"))
                .containsExactly("1", "2", "5", "6");
        assertThat(db.queryLong("SELECT count(*) FROM kt.parts")).isEqualTo(8);
        assertThat(db.queryLong("SELECT count(*) FROM kt.parts p WHERE NOT EXISTS "
                + "(SELECT 1 FROM kt.items i WHERE i.id = p.item_id)")).isZero();
        assertThat(run.report().tables()).isEqualTo(Map.of("kt.items", 2L, "kt.parts", 4L));
        assertThat(run.report().batches()).isEqualTo(2);
        assertThat(dry.report().tables()).isEqualTo(run.report().tables());
    }

    /**
     * Archiving writes a batch's keys into its statements as an array literal: text keys with every character that
     * array or string literals treat specially must still name exactly their rows, and restore must bring them back.
     */
    @Test
    void text_keys_with_quotes_backslashes_commas_braces_and_line_breaks_archive_and_restore_exactly(TestDatabase db,
            @TempDir Path dir) {
        createTables(db, "text", "timestamptz");
        List<String> odd = List.of("a\"b", "back\\slash", "com,ma", "{brace}", "sp ace", "NULL", "it's",
                "line\nbreak", "tab\there", "ünï", "\\\"", "", "e'');drop table kt.parts;--");
        db.execute("INSERT INTO kt.items SELECT k, 1, now() - interval '20 days' FROM unnest(array["
                + String.join(", ", odd.stream().map(k -> "E'" + k.replace("\\", "\\\\").replace("'", "\\'")
                        .replace("\n", "\\n").replace("\t", "\\t") + "'").toList()) + "]) AS k");
        db.execute("INSERT INTO kt.items VALUES ('young\"one', 1, now())");
        db.execute("INSERT INTO kt.parts (item_id) SELECT id FROM kt.items, generate_series(1, 2)");
        Path config = Runs.config(dir, CONFIG);
        List<String> before = Tables.column(db, "SELECT id FROM kt.items");
        Path archive = dir.resolve("archive");

        Runs.Outcome run = Runs.run(db, dir, config, "--batch-size", "3", "--archive-dir", archive.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM kt.items")).containsExactly("young\"one");
        assertThat(db.queryLong("SELECT count(*) FROM kt.parts")).isEqualTo(2);
        assertThat(run.report().field("archive").get("rows").asLong()).isEqualTo(3L * odd.size());
        CliResult restored = CliRunner.run("restore", "--config", config.toString(), "--db-url", db.jdbcUrl(),
                "--archive-dir", archive.toString(), "--run-id", run.report().field("run_id").asText());
        assertThat(restored.exitCode()).as(restored.out() + restored.err()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM kt.items")).containsExactlyInAnyOrderElementsOf(before);
        assertThat(db.queryLong("SELECT count(*) FROM kt.parts")).isEqualTo(2L * before.size());
    }

    private static final String CONFIG = """
            policy:
              table: kt.tenants
              key: id
              retention_days: days
            targets:
              - table: kt.items
                key: id
                timestamp: at
                tenant: [tenant_id -> kt.tenants.id]
            """;

    /** Tenant 1 keeps 7 days; items of the key and timestamp types; parts reference items. */
    private static void createTables(TestDatabase db, String keyType, String tsType) {
        db.execute("DROP SCHEMA IF EXISTS kt CASCADE");
        db.execute("CREATE SCHEMA kt");
        db.execute("CREATE TABLE kt.tenants (id integer PRIMARY KEY, days integer)");
        db.execute("INSERT INTO kt.tenants VALUES (1, 7)");
        db.execute("CREATE TABLE kt.items (id " + keyType + " PRIMARY KEY, tenant_id integer NOT NULL REFERENCES kt.tenants,"
                + " at " + tsType + " NOT NULL)");
        db.execute("CREATE TABLE kt.parts (id serial PRIMARY KEY, item_id " + keyType + " NOT NULL REFERENCES kt.items)");
    }
}

package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} findings on the example schema and on broken variants; a config naming no table fails {@code run}. */
@ExtendWith(FreshDatabaseExtension.class)
class CheckIT {
    private static final List<String> GRAPH = List.of("email_attachments", "email_bodies", "email_headers",
            "email_opens", "email_recipients", "email_tags", "link_clicks", "email_links", "webhook_deliveries",
            "email_events", "outgoing_emails");

    @BeforeEach
    void load(TestDatabase db) {
        ExampleFixture.load(db);
    }

    @Test
    void example_passes_and_prints_the_leaf_first_delete_order(TestDatabase db, @TempDir Path dir) {
        CliResult check = check(db.jdbcUrl(), Runs.config(dir, ExampleFixture.config("")));

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("INFO    targets[0] public.outgoing_emails: delete order: "
                + String.join(" → ", GRAPH.stream().map(t -> "public." + t).toList()) + "\n");
        assertThat(check.out()).endsWith("check: 0 error(s), 0 warning(s)\n");
    }

    @Test
    void a_child_fk_column_without_index_is_a_warning_naming_table_and_column(TestDatabase db, @TempDir Path dir) {
        db.execute("DROP INDEX email_headers_outgoing_email_id_idx");

        CliResult check = check(db.jdbcUrl(), Runs.config(dir, ExampleFixture.config("")));

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(lines(check, "WARNING")).singleElement().asString()
                .startsWith("WARNING public.email_headers: no index leads with [outgoing_email_id]");
        assertThat(check.out()).endsWith("check: 0 error(s), 1 warning(s)\n");
    }

    @Test
    void skipping_a_no_action_child_is_an_error_and_a_cascade_child_a_warning(TestDatabase db, @TempDir Path dir) {
        CliResult noAction = check(db.jdbcUrl(), Runs.config(dir, withSkip("email_attachments")));
        CliResult cascade = check(db.jdbcUrl(), Runs.config(dir, withSkip("email_headers")));

        assertThat(noAction.exitCode()).as(noAction.toString()).isEqualTo(1);
        assertThat(lines(noAction, "ERROR")).singleElement().asString()
                .startsWith("ERROR   public.email_attachments → public.outgoing_emails: left out of the graph but ")
                .contains("ON DELETE NO ACTION");
        assertThat(cascade.exitCode()).as(cascade.toString()).isZero();
        assertThat(lines(cascade, "ERROR")).isEmpty();
        assertThat(lines(cascade, "WARNING")).singleElement().asString()
                .startsWith("WARNING public.email_headers → public.outgoing_emails: left out of the graph but ")
                .contains("ON DELETE CASCADE");
    }

    @Test
    void a_role_without_delete_gets_an_error_per_table_naming_the_privilege(TestDatabase db, @TempDir Path dir) {
        String role = "rc_check_" + Long.toHexString(new SecureRandom().nextLong() & 0xffffffffL);
        String password = "pw-" + role;
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
        try {
            db.execute("GRANT USAGE ON SCHEMA public TO " + role);
            db.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);

            CliResult check = check(db.jdbcUrlAs(role, password), Runs.config(dir, ExampleFixture.config("")));

            assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
            List<String> expected = new java.util.ArrayList<>(GRAPH.stream()
                    .map(t -> "ERROR   public." + t + ": this role lacks DELETE: GRANT DELETE ON \"public\".\"" + t
                            + "\" TO current_user")
                    .toList());
            // batches lock their target rows FOR UPDATE, which needs UPDATE on the target table
            expected.add("ERROR   public.outgoing_emails: this role lacks UPDATE: GRANT UPDATE ON \"public\".\"outgoing_emails\" TO current_user");
            assertThat(lines(check, "ERROR")).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(check.out()).doesNotContain("lacks SELECT");
        } finally {
            db.execute("DROP OWNED BY " + role);
            db.execute("DROP ROLE " + role);
        }
    }

    @Test
    void run_with_a_missing_table_exits_2_naming_key_file_and_line_and_touches_nothing(TestDatabase db,
            @TempDir Path dir) {
        String yaml = ExampleFixture.config("").replace("- table: outgoing_emails", "- table: outgoing_mails");
        Path config = Runs.config(dir, yaml);
        int line = List.of(yaml.split("\n")).indexOf("  - table: outgoing_mails") + 1;
        Map<String, String> before = Tables.hashes(db, "public");

        Runs.Outcome run = Runs.run(db, dir, config);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.cli().err()).contains(config.getFileName() + ":" + line + ": targets[0].table: no table outgoing_mails");
        assertThat(run.cli().err().lines().filter(l -> !l.isBlank())).hasSize(1);
        assertThat(Tables.hashes(db, "public")).isEqualTo(before);
    }

    @Test
    void an_unusable_retention_is_a_warning_and_shapes_the_engine_refuses_are_errors(TestDatabase db,
            @TempDir Path dir) {
        db.execute("ALTER TABLE organizations ALTER retention_days TYPE numeric;"
                + " UPDATE organizations SET retention_days = 'NaN' WHERE id = (SELECT min(id) FROM organizations)");
        String tenant = db.queryRows("SELECT min(id) FROM organizations").get(0).get(0).toString();

        CliResult nan = check(db.jdbcUrl(), Runs.config(dir, ExampleFixture.config("")));
        db.execute("ALTER TABLE email_events ADD COLUMN parent_id bigint REFERENCES email_events (id)");
        CliResult selfReference = check(db.jdbcUrl(), Runs.config(dir, ExampleFixture.config("")));
        db.execute("ALTER TABLE email_events DROP COLUMN parent_id");

        assertThat(nan.exitCode()).as(nan.toString()).isZero();
        assertThat(lines(nan, "WARNING")).singleElement().asString()
                .contains("tenant " + tenant + ": unusable retention value 'NaN'; the tenant is kept whole");
        assertThat(selfReference.exitCode()).as(selfReference.toString()).isEqualTo(1);
        assertThat(lines(selfReference, "ERROR")).singleElement().asString()
                .contains("public.email_events references itself");
    }

    private static String withSkip(String table) {
        return ExampleFixture.config("") + "    skip_children: [" + table + "]\n";
    }

    private static List<String> lines(CliResult result, String severity) {
        return result.out().lines().filter(l -> l.startsWith(severity + " ")).toList();
    }

    /** {@code check} in-process; it prints its findings through the command line's writer. */
    private static CliResult check(String dbUrl, Path config) {
        return CliRunner.run("check", "--config", config.toString(), "--db-url", dbUrl);
    }
}

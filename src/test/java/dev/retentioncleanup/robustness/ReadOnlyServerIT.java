package dev.retentioncleanup.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.Report;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A read-only database (as a provider sets it on a full disk): exit 6, nothing changed; a dry run still works. */
@ExtendWith(FreshDatabaseExtension.class)
class ReadOnlyServerIT {
    private static final List<String> TABLES = List.of("organizations", "domains", "outgoing_emails",
            "email_recipients", "email_events", "webhook_deliveries", "email_opens");

    @AfterEach
    void writable_again(TestDatabase db) {
        // ALTER DATABASE is refused in a read-only transaction: this session opts out first.
        db.execute("SET default_transaction_read_only = off; ALTER DATABASE \"" + db.databaseName()
                + "\" RESET default_transaction_read_only");
    }

    @Test
    void run_exits_6_and_changes_nothing_while_dry_run_counts(TestDatabase db, @TempDir Path dir) {
        EmailFixture fixture = EmailFixture.create(db, 60, dir);
        int eligible = fixture.eligibleIds().size();
        db.execute("ALTER DATABASE \"" + db.databaseName() + "\" SET default_transaction_read_only = on");
        // The setting applies to new sessions: every connection below (and the tool's) is one.
        assertThat(db.queryRows("SHOW default_transaction_read_only")).containsExactly(List.of("on"));
        Map<String, String> before = hashes(db);
        Path report = dir.resolve("report.json");

        CliResult run = CliRunner.run(fixture.runArgs("--report", report.toString()));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(6);
        JsonNode json = Report.read(report).json();
        assertThat(json.get("status").asText()).isEqualTo("failed");
        assertThat(json.get("exit_code").asInt()).isEqualTo(6);
        assertThat(json.get("stop_reason").asText()).contains("default_transaction_read_only");
        assertThat(json.get("batches").asLong()).isZero();
        assertThat(hashes(db)).isEqualTo(before);

        Path dryReport = dir.resolve("dry.json");
        CliResult dry = CliRunner.run(fixture.runArgs("--dry-run", "--report", dryReport.toString()));

        assertThat(dry.exitCode()).as(dry.err()).isZero();
        JsonNode counts = Report.read(dryReport).json();
        assertThat(counts.get("status").asText()).isEqualTo("dry_run");
        assertThat(counts.get("tables").get(EmailFixture.TARGET).asLong()).isEqualTo(eligible);
        assertThat(counts.get("tables").get("public.email_recipients").asLong()).isEqualTo(2L * eligible);
        assertThat(counts.get("tables").get("public.webhook_deliveries").asLong()).isEqualTo(eligible);
        assertThat(hashes(db)).isEqualTo(before);
        fixture.assertOldestEligibleGone(0);
    }

    /** md5 of every table's rows in a stable order: any insert, update or delete changes it. */
    private static Map<String, String> hashes(TestDatabase db) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String table : TABLES) {
            hashes.put(table, (String) db.queryRows("SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), ''))"
                    + " FROM \"" + table + "\" x").get(0).get(0));
        }
        return hashes;
    }
}

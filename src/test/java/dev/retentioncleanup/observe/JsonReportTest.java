package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.guard.Verdict;
import dev.retentioncleanup.result.GuardEvent;
import dev.retentioncleanup.result.Outcome;
import dev.retentioncleanup.result.PartitionRemoval;
import dev.retentioncleanup.result.RunResult;
import dev.retentioncleanup.result.TenantResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's exact text (README, "The report"): a user contract, so these expectations were written by
 * the report as it was before results became typed records, and must not change without a note in the docs.
 */
class JsonReportTest {
    private static final Instant START = Instant.parse("2026-11-28T12:00:00.123456789Z");
    private static final TableName EMAILS = new TableName("public", "outgoing_emails");
    private static final TableName TICKETS = new TableName("support", "tickets");

    /**
     * Every field filled: tables in delete order, a partition removed whole, tenants in plan order, a target without
     * rows, two guard events.
     */
    static RunResult stopped() {
        Map<TableName, Long> tables = new LinkedHashMap<>();
        tables.put(new TableName("public", "email_recipients"), 22235L);
        tables.put(EMAILS, 12288L);
        tables.put(new TableName("support", "TicketNotes"), 0L);
        Map<String, TenantResult> tenants = new LinkedHashMap<>();
        tenants.put("10", new TenantResult(Instant.parse("2026-10-29T12:00:00.123456Z"),
                Map.of(TICKETS, 3L, EMAILS, 1801L)));
        tenants.put("2", new TenantResult(Instant.parse("2026-10-29T12:00:00Z"), Map.of(EMAILS, 0L, TICKETS, 5L)));
        Map<String, String> skipped = new LinkedHashMap<>();
        skipped.put("4", "no retention and no default_days");
        skipped.put("acme \"x\"", "retention_days is NaN");
        return RunResult.builder(UUID.fromString("4c0f0000-0000-4000-8000-000000000001"), START, false)
                .ended(Outcome.STOPPED_BY_GUARD, "guard pause_file: … — stopped")
                .tables(tables)
                .partitions(List.of(new PartitionRemoval(EMAILS, new TableName("public", "outgoing_emails_2025_10"),
                        PartitionRemoval.Action.DROPPED, "FOR VALUES FROM ('2025-10-01 00:00:00+00') TO"
                                + " ('2025-11-01 00:00:00+00')", 1500L)))
                .tenants(tenants)
                .policies(skipped, "Europe/Berlin", Instant.parse("2026-11-28T12:00:00.123456Z"))
                .held(Map.of(new TableName("public", "emails"), 3L))
                .batches(4)
                .walBytes(12035584L)
                .guardEvents(List.of(
                        new GuardEvent("wal_size", Verdict.Action.PAUSE, 7.34003E7, 6.4E7,
                                "pg_wal holds 70.0 MiB, above --max-wal-size 64MB", START.plusSeconds(1)),
                        new GuardEvent("pause_file", Verdict.Action.STOP, 1, 0, null, START.plusSeconds(2))))
                .finishedAt(START.plusMillis(2500));
    }

    /** What a run that never reached the database reports: empty collections and nulls, never missing fields. */
    static RunResult failed() {
        return RunResult.builder(UUID.fromString("4c0f0000-0000-4000-8000-000000000002"), START, true)
                .ended(Outcome.FAILED, "cannot connect")
                .walBytesEstimate(77L)
                .finishedAt(START.plusMillis(10));
    }

    @Test
    void a_file_report_has_every_field_in_order_with_its_json_type(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.json");

        new JsonReport(file.toString(), null).runFinished(stopped());

        assertThat(Files.readString(file)).isEqualTo(golden("report-stopped.json"));
    }

    @Test
    void a_run_that_ended_before_it_started_reports_empty_and_null_fields_on_stdout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new JsonReport("-", new PrintStream(out, true, StandardCharsets.UTF_8)).runFinished(failed());

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(golden("report-failed.json"));
    }

    @Test
    void stdout_gets_the_same_text_as_a_file_in_utf_8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new JsonReport("-", new PrintStream(out, true, StandardCharsets.US_ASCII)).runFinished(stopped());

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(golden("report-stopped.json"));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = JsonReportTest.class.getResourceAsStream("/observe/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

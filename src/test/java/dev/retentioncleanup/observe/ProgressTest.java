package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.guard.Verdict;
import dev.retentioncleanup.result.GuardEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static RunStarted started(boolean dryRun) {
        return new RunStarted(UUID.randomUUID(), Instant.now(), dryRun, 3, 1, List.of(new TableName("public", "a")));
    }

    private static BatchCommitted batch(String table, long rows) {
        TableName name = new TableName("public", table);
        return new BatchCommitted(name, 1, Map.of(name, rows), rows, Duration.ofMillis(5), 100);
    }

    @Test
    void the_line_shows_rows_table_and_guard_state() {
        Progress p = new Progress(null, Duration.ofHours(1));
        p.batchCommitted(batch("a", 1200));
        assertThat(p.line()).matches("deleted 1,200 rows, [0-9,]+ rows/s, table public\\.a, running");

        p.guardEvent(new GuardEvent("wal_rate", Verdict.Action.PAUSE, 2, 1, "WAL rate 2 B/s over 1 B/s", Instant.now()));
        assertThat(p.line()).endsWith("table public.a, pause by wal_rate: WAL rate 2 B/s over 1 B/s");

        p.batchCommitted(batch("b", 1));
        assertThat(p.line()).endsWith("table public.b, running");
    }

    @Test
    void on_a_terminal_nothing_is_printed_before_the_first_tick_and_nothing_left_after_close() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), Duration.ofHours(1));
        p.runStarted(started(false));
        p.guardEvent(new GuardEvent("wal_rate", Verdict.Action.PAUSE, 2, 1, "r", Instant.now()));
        p.close();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void a_dry_run_starts_no_ticker() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), Duration.ofHours(1));
        p.runStarted(started(true));
        p.close();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}

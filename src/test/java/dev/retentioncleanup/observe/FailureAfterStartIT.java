package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.retentioncleanup.config.ConfigLoader;
import dev.retentioncleanup.config.TableRef;
import dev.retentioncleanup.db.ConnectionSettings;
import dev.retentioncleanup.db.DataSources;
import dev.retentioncleanup.db.JdbcUrls;
import dev.retentioncleanup.execute.BatchSizer;
import dev.retentioncleanup.execute.Job;
import dev.retentioncleanup.execute.JobSettings;
import dev.retentioncleanup.execute.Limits;
import dev.retentioncleanup.execute.PartitionSettings;
import dev.retentioncleanup.execute.Safety;
import dev.retentioncleanup.execute.StopSignal;
import dev.retentioncleanup.observe.audit.AuditLog;
import dev.retentioncleanup.observe.audit.AuditTable;
import dev.retentioncleanup.plan.TenantFilter;
import dev.retentioncleanup.result.RunResult;
import dev.retentioncleanup.retry.Sleeper;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A runtime exception after the run started (a bug, not the server: the server's errors are SQLExceptions and
 * always ended the run properly) still finishes the audit row as failed, prints the summary and writes the report,
 * counting the batches committed before it. No path through the CLI throws one on purpose, so the test throws it
 * from the run's listener, which the job calls inside the batch loop (the CLI's composite would swallow it).
 */
@ExtendWith(FreshDatabaseExtension.class)
class FailureAfterStartIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TestDatabase db;
    private HikariDataSource dataSource;
    private final ListAppender<ILoggingEvent> summary = new ListAppender<>();
    private final Logger summaryLogger = (Logger) LoggerFactory.getLogger("dev.retentioncleanup.summary");

    @BeforeEach
    void setUp(TestDatabase db) throws Exception {
        this.db = db;
        ObserveFixture.createSchema(db);
        ObserveFixture.seed(db);
        db.runScript(Path.of("sql/audit.sql"));
        db.execute("TRUNCATE retention_audit"); // one database per class: each test sees its own run's row only
        dataSource = DataSources.open(ConnectionSettings.of(JdbcUrls.normalize(db.jdbcUrl())), 3);
        summary.start();
        summaryLogger.addAppender(summary);
    }

    @AfterEach
    void tearDown() {
        summaryLogger.detachAppender(summary);
        dataSource.close();
    }

    @Test
    void anExceptionAfterTheSecondBatchFinishesTheRunAsFailedWithWhatItDeleted() throws Exception {
        RunResult result = run(listener -> new RunListener() {
            @Override
            public void runStarted(RunStarted event) {
                listener.runStarted(event);
            }

            @Override
            public void batchCommitted(BatchCommitted event) {
                listener.batchCommitted(event);
                if (event.batchNumber() == 2) {
                    throw new IllegalStateException("injected after batch 2\nsecond line");
                }
            }

            @Override
            public void runFinished(RunResult finished) {
                listener.runFinished(finished);
            }
        });

        // two batches of two emails, each email with a body, an event, a webhook delivery and an open
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.batches()).isEqualTo(2);
        assertThat(result.totalRows()).isEqualTo(4 * 5);
        assertThat(db.queryLong("SELECT count(*) FROM outgoing_emails")).isEqualTo(19 - 4);
        assertThat(db.queryLong("SELECT count(*) FROM outgoing_emails WHERE id <= 4")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM email_opens")).isEqualTo(19 - 4);

        JsonNode report = JSON.readTree(Files.readString(dir.resolve("report.json")));
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("exit_code").asInt()).isEqualTo(1);
        assertThat(report.get("stop_reason").asText()).isEqualTo("IllegalStateException: injected after batch 2");
        assertThat(report.get("tables").get("public.outgoing_emails").asLong()).isEqualTo(4);
        assertThat(report.get("batches").asLong()).isEqualTo(2);

        assertThat(db.queryRows("SELECT status, exit_code, rows_deleted, batches, stop_reason, finished_at IS NOT NULL"
                + " FROM retention_audit")).containsExactly(List.of("failed", 1, 20L, 2L,
                "IllegalStateException: injected after batch 2", true));

        assertThat(summary.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.startsWith("failed: deleted 20 rows in 2 batches"))
                .contains("  why it stopped: IllegalStateException: injected after batch 2");
        assertThat(db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
                .as("the run lock is released").isZero();
    }

    @Test
    void anExceptionRightAfterTheStartFinishesTheAuditRowAndNothingIsDeleted() throws Exception {
        RunResult result = run(listener -> new RunListener() {
            @Override
            public void runStarted(RunStarted event) {
                listener.runStarted(event); // the audit row is written 'running' here
                throw new IllegalArgumentException("injected at the start");
            }

            @Override
            public void runFinished(RunResult finished) {
                listener.runFinished(finished);
            }
        });

        assertThat(result.exitCode()).isEqualTo(1);
        ObserveFixture.assertUntouched(db);
        assertThat(db.queryRows("SELECT status, exit_code, rows_deleted, stop_reason FROM retention_audit"))
                .containsExactly(List.of("failed", 1, 0L, "IllegalArgumentException: injected at the start"));
        assertThat(JSON.readTree(Files.readString(dir.resolve("report.json"))).get("status").asText())
                .isEqualTo("failed");
        assertThat(summary.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("failed: IllegalArgumentException: injected at the start");
    }

    /** The job as the CLI wires it (audit row, summary, report), its listener wrapped by {@code around}. */
    private RunResult run(java.util.function.Function<RunListener, RunListener> around) throws Exception {
        AuditTable audit;
        try (Connection connection = dataSource.getConnection()) {
            audit = AuditTable.verify(connection, TableRef.parse("retention_audit"));
        }
        RunListener listeners = RunListener.all(List.of(new AuditLog(dataSource, audit), new Summary(),
                new JsonReport(dir.resolve("report.json").toString(), System.out)));
        Job job = new Job(dataSource, ConfigLoader.load(ObserveFixture.CONFIG),
                new JobSettings(TenantFilter.all(), null, new Limits(null, null, Duration.ZERO, 50_000), 0,
                        new PartitionSettings(Duration.ofSeconds(1), "retention_detached"), null),
                BatchSizer.fixed(2), Clock.systemUTC(), Sleeper.SYSTEM, around.apply(listeners), new StopSignal(),
                Safety.none());
        return job.run(false, UUID.randomUUID());
    }
}

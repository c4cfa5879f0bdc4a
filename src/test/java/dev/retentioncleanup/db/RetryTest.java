package dev.retentioncleanup.db;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.retentioncleanup.retry.Sleeper;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryTest {
    private final List<Long> sleptMillis = new ArrayList<>();
    private final Sleeper recording = d -> sleptMillis.add(d.toMillis());
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger retryLogger = (Logger) LoggerFactory.getLogger(Retry.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        retryLogger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        retryLogger.detachAppender(logged);
    }

    private Retry retry(int max, double jitter) {
        return new Retry(max, Duration.ofMillis(200), Duration.ofSeconds(10), recording, () -> jitter);
    }

    @Test
    void retries_transient_errors_and_returns_the_result() throws SQLException {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry(3, 0.0).run("delete batch", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new SQLException("deadlock detected", "40P01");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
        assertThat(sleptMillis).containsExactly(100L, 200L);
        assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsOnly(ch.qos.logback.classic.Level.WARN);
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "delete batch failed with SQLState 40P01 (deadlock detected); retry 1/3 in 100 ms",
                "delete batch failed with SQLState 40P01 (deadlock detected); retry 2/3 in 200 ms");
    }

    @Test
    void permanent_errors_are_rethrown_at_once() {
        AtomicInteger attempts = new AtomicInteger();
        SQLException fk = new SQLException("violates foreign key constraint", "23503");
        assertThatThrownBy(() -> retry(3, 0.0).run("delete", () -> {
            attempts.incrementAndGet();
            throw fk;
        })).isSameAs(fk);
        assertThat(attempts).hasValue(1);
        assertThat(sleptMillis).isEmpty();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void gives_up_after_max_retries_with_the_last_error() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry(2, 0.0).run("delete", () -> {
            throw new SQLException("timeout " + attempts.incrementAndGet(), "57014");
        })).hasMessage("timeout 3");
        assertThat(sleptMillis).containsExactly(100L, 200L);
    }

    @Test
    void an_interrupted_wait_stops_retrying_and_keeps_the_interrupt() {
        SQLException lost = new SQLException("terminating connection", "57P01");
        Retry interrupted = new Retry(5, Duration.ofMillis(200), Duration.ofSeconds(10), d -> {
            throw new InterruptedException();
        }, () -> 0.0);
        try {
            assertThatThrownBy(() -> interrupted.run("delete", () -> {
                throw lost;
            })).isSameAs(lost);
            assertThat(lost.getSuppressed()).hasSize(1).hasOnlyElementsOfType(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}

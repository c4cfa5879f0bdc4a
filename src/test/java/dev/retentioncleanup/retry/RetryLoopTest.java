package dev.retentioncleanup.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryLoopTest {
    private final List<Duration> slept = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    private RetryLoop loop(int maxRetries) {
        return new RetryLoop(maxRetries, new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> 0.0), d -> {
            slept.add(d);
            clock.addAndGet(d.toNanos());
        }, clock::get);
    }

    private static final RetryLoop.Policy<IOException> RETRY_ALL = e -> true;

    @Test
    void backoff_doubles_to_its_cap_with_equal_jitter() {
        Backoff none = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> 0.0);
        Backoff half = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> 0.5);
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(n -> none.before(n).toMillis()))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(n -> half.before(n).toMillis()))
                .containsExactly(150L, 300L, 600L, 1200L, 2400L, 4800L, 7500L, 7500L);
        assertThat(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> 0.999).before(100).toMillis())
                .isEqualTo(9995L);
        assertThat(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), () -> 1.0).before(2))
                .as("no jitter: the step itself").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retries_until_it_succeeds_waiting_by_the_backoff() throws IOException {
        AtomicInteger attempts = new AtomicInteger();
        String result = loop(3).run(IOException.class, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("flaky");
            }
            return "done";
        }, RETRY_ALL);

        assertThat(result).isEqualTo("done");
        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void gives_up_after_its_retries_with_the_last_failure() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> loop(2).run(IOException.class, () -> {
            throw new IOException("attempt " + attempts.incrementAndGet());
        }, RETRY_ALL)).hasMessage("attempt 3");
        assertThat(slept).hasSize(2);
    }

    @Test
    void a_failure_the_policy_refuses_and_an_unexpected_exception_end_it_at_once() {
        assertThatThrownBy(() -> loop(5).run(IOException.class, () -> {
            throw new IOException("for good");
        }, e -> false)).hasMessage("for good");
        assertThatThrownBy(() -> loop(5).run(IOException.class, () -> {
            throw new IllegalStateException("a bug");
        }, RETRY_ALL)).isInstanceOf(IllegalStateException.class);
        assertThat(slept).isEmpty();
    }

    @Test
    void no_wait_reaches_past_the_deadline_and_no_retry_starts_after_it() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> loop(10).run(IOException.class, () -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        }, RETRY_ALL, Duration.ofMillis(250).toNanos())).hasMessage("down");

        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
        assertThat(attempts).hasValue(3);
    }

    @Test
    void an_interrupt_while_waiting_ends_it_with_the_failure_and_keeps_the_flag() {
        RetryLoop interrupted = new RetryLoop(5, new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), () -> 0.0),
                d -> {
                    throw new InterruptedException();
                }, System::nanoTime);
        try {
            assertThatThrownBy(() -> interrupted.run(IOException.class, () -> {
                throw new IOException("down");
            }, RETRY_ALL)).hasMessage("down").satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}

package dev.retentioncleanup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.ExitCode;
import dev.retentioncleanup.result.Outcome;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Out-of-memory is a failure (exit 1) that says what it is, also when another exception carries it. */
class FailureHandlerTest {
    private static final String HEAP = "out of memory (Java heap space): failed, exit 1; only whole batches were"
            + " committed, so a re-run continues, but give the JVM more heap first (-Xmx in JAVA_OPTS or"
            + " JAVA_TOOL_OPTIONS)";

    @Test
    void outOfMemoryIsExit1AndSaysSo() {
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        assertThat(Outcome.of(heap).exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(FailureHandler.messageOf(heap)).isEqualTo(HEAP);
        ExecutionException wrapped = new ExecutionException(new IllegalStateException("pool", heap));
        assertThat(FailureHandler.outOfMemory(wrapped)).isSameAs(heap);
        assertThat(FailureHandler.messageOf(wrapped)).isEqualTo(HEAP);
    }

    @Test
    void otherErrorsKeepTheirOwnMessage() {
        IllegalStateException bug = new IllegalStateException("no value for parameter keys\nof the statement");
        assertThat(FailureHandler.outOfMemory(bug)).isNull();
        assertThat(FailureHandler.messageOf(bug)).isEqualTo("IllegalStateException: no value for parameter keys");
        assertThat(Outcome.of(bug).exitCode()).isEqualTo(ExitCode.FAILED);
    }
}

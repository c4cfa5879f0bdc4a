package dev.retentioncleanup.result;

import dev.retentioncleanup.ExitCode;
import dev.retentioncleanup.config.ConfigException;

/**
 * How a run ended; the one mapping from run outcomes, and from exceptions that end a run, to report status and
 * exit code.
 */
public enum Outcome {
    COMPLETED("completed", ExitCode.COMPLETED),
    DRY_RUN("dry_run", ExitCode.COMPLETED),
    STOPPED_BY_GUARD("stopped", ExitCode.STOPPED_BY_GUARD),
    STOPPED_BY_LIMIT("stopped", ExitCode.STOPPED_BY_LIMIT),
    INTERRUPTED_SIGINT("stopped", ExitCode.INTERRUPTED_SIGINT),
    INTERRUPTED_SIGTERM("stopped", ExitCode.INTERRUPTED_SIGTERM),
    SKIPPED_LOCKED("skipped", ExitCode.SKIPPED_LOCKED),
    NOT_WRITABLE("failed", ExitCode.NOT_WRITABLE),
    FAILED("failed", ExitCode.FAILED),
    /** Configuration found wrong at start (against the catalog, or an audit table that does not fit). */
    INVALID_CONFIG("failed", ExitCode.USAGE);

    private final String status;
    private final ExitCode exitCode;

    /**
     * The outcome of a run ended by {@code failure}: configuration found wrong (exit 2) or anything else, out of
     * memory included (exit 1, a failure, never 3, a guard stop, whatever the JVM would have said).
     */
    public static Outcome of(Throwable failure) {
        return failure instanceof ConfigException ? INVALID_CONFIG : FAILED;
    }

    Outcome(String status, ExitCode exitCode) {
        this.status = status;
        this.exitCode = exitCode;
    }

    /** The report's {@code status}: completed | stopped | failed | skipped | dry_run. */
    public String status() {
        return status;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}

package dev.retentioncleanup;

/** The process exit codes (README, "Exit codes"); crontab wrappers and Kubernetes pod failure policies act on them. */
public enum ExitCode {
    COMPLETED(0),
    FAILED(1),
    USAGE(2),
    STOPPED_BY_GUARD(3),
    SKIPPED_LOCKED(4),
    STOPPED_BY_LIMIT(5),
    NOT_WRITABLE(6),
    INTERRUPTED_SIGINT(130),
    INTERRUPTED_SIGTERM(143);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

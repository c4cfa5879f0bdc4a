package dev.retentioncleanup.plan;

/** One result of {@code check}: errors make it exit 1, warnings and notes do not. */
public record Finding(Severity severity, String subject, String message) {
    public enum Severity { ERROR, WARNING, INFO }
}

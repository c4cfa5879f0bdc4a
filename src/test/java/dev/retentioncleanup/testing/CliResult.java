package dev.retentioncleanup.testing;

/** What one invocation of the CLI gave: its exit code and what it printed. */
public record CliResult(int exitCode, String out, String err) {
}

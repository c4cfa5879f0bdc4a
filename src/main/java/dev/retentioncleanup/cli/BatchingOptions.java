package dev.retentioncleanup.cli;

import picocli.CommandLine.Option;

/** How work is cut into transactions and how long each statement may take. */
final class BatchingOptions {
    @Option(names = "--batch-size", paramLabel = "N|auto", order = 30,
            description = "Target rows per batch; auto adapts toward --target-batch-time. Default: ${DEFAULT-VALUE}.")
    String batchSize;

    @Option(names = "--min-batch-size", paramLabel = "N", order = 31,
            description = "Smallest batch auto sizing may choose. Default: ${DEFAULT-VALUE}.")
    String minBatchSize;

    @Option(names = "--max-batch-size", paramLabel = "N", order = 32,
            description = "Largest batch auto sizing may choose. Default: ${DEFAULT-VALUE}.")
    String maxBatchSize;

    @Option(names = "--target-batch-time", paramLabel = "DURATION", order = 33,
            description = "Batch duration auto sizing aims for. Default: ${DEFAULT-VALUE}.")
    String targetBatchTime;

    @Option(names = "--max-rows-per-transaction", paramLabel = "N", order = 34,
            description = "Hard bound on rows (targets plus descendants) deleted in one transaction; "
                    + "larger batches drain descendants in committed steps first. Default: ${DEFAULT-VALUE}.")
    String maxRowsPerTransaction;

    @Option(names = "--sleep", paramLabel = "DURATION", order = 35,
            description = "Pause between batches. Default: ${DEFAULT-VALUE}.")
    String sleep;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", order = 36,
            description = "statement_timeout for every statement. Default: ${DEFAULT-VALUE}.")
    String statementTimeout;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", order = 37,
            description = "lock_timeout for every statement. Default: ${DEFAULT-VALUE}.")
    String lockTimeout;

    @Option(names = "--max-runtime", paramLabel = "DURATION", order = 38,
            description = "Stop starting batches after this long (exit 5).")
    String maxRuntime;

    @Option(names = "--max-retries", paramLabel = "N", order = 39,
            description = "Retries of a transient error (connection loss, deadlock, lock timeout…) "
                    + "before failing. Default: ${DEFAULT-VALUE}.")
    String maxRetries;
}

package dev.retentioncleanup.observe;

import java.time.Instant;
import java.util.UUID;

/** The run has its plan and lock and is about to delete (or count, in a dry run). */
public record RunStarted(UUID runId, Instant startedAt, boolean dryRun, int tenants, int skippedTenants,
        java.util.List<String> deleteOrder) {
    public RunStarted {
        deleteOrder = java.util.List.copyOf(deleteOrder);
    }
}

package dev.retentioncleanup.observe;

import dev.retentioncleanup.db.TableName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The run has its plan and lock and is about to delete (or count, in a dry run). */
public record RunStarted(UUID runId, Instant startedAt, boolean dryRun, int tenants, int skippedTenants,
        List<TableName> deleteOrder) {
    public RunStarted {
        deleteOrder = List.copyOf(deleteOrder);
    }
}

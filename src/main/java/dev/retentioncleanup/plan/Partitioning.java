package dev.retentioncleanup.plan;

import dev.retentioncleanup.config.PartitionMode;
import dev.retentioncleanup.db.ForeignKey;
import java.util.List;

/**
 * How a target treats partitions whose every row goes, and the {@code ON DELETE SET NULL / SET DEFAULT} foreign keys
 * into its graph's tables: a partition's rows they reference are deleted as rows before it is detached, so that
 * the database rewrites those references as a row delete would.
 */
public record Partitioning(PartitionMode mode, List<ForeignKey> nullingReferences) {
    public static final Partitioning ROWS = new Partitioning(PartitionMode.ROWS, List.of());

    public Partitioning {
        nullingReferences = List.copyOf(nullingReferences);
    }
}

package dev.retentioncleanup.plan;

import dev.retentioncleanup.config.PartitionMode;
import dev.retentioncleanup.db.ForeignKey;
import java.util.List;

/**
 * How a target treats partitions whose every row goes, and every declared foreign key into its graph's tables: what
 * references a partition decides what must go first, or whether it can go at all.
 */
public record Partitioning(PartitionMode mode, List<ForeignKey> foreignKeys) {
    public Partitioning {
        foreignKeys = List.copyOf(foreignKeys);
    }
}

package dev.retentioncleanup.execute;

import dev.retentioncleanup.db.Partition;
import dev.retentioncleanup.db.TableName;
import java.util.ArrayList;
import java.util.List;

/**
 * Which partitions of a table to try to remove, in tree order, given a test of whether one qualifies (holds rows
 * and none that stays). A sub-partitioned partition goes as one when it qualifies and holds no default partition;
 * otherwise its own partitions are considered. Default partitions, and partitions an interrupted {@code DETACH
 * CONCURRENTLY} left pending, are never candidates. Pure.
 */
final class PartitionTree {
    /** A test that may read the database. */
    @FunctionalInterface
    interface Test {
        boolean qualifies(Partition partition) throws java.sql.SQLException;
    }

    private final List<Partition> partitions;

    /** @param partitions every partition below one table, parents before their partitions */
    PartitionTree(List<Partition> partitions) {
        this.partitions = List.copyOf(partitions);
    }

    List<Partition> candidates(TableName root, Test test) throws java.sql.SQLException {
        List<Partition> candidates = new ArrayList<>();
        collect(root, test, candidates);
        return candidates;
    }

    private void collect(TableName parent, Test test, List<Partition> candidates) throws java.sql.SQLException {
        for (Partition partition : partitions) {
            if (!partition.parent().equals(parent) || partition.isDefault() || partition.detachPending()) {
                continue;
            }
            boolean wholeMayGo = partition.leaf() || !containsDefault(partition.name());
            if (wholeMayGo && test.qualifies(partition)) {
                candidates.add(partition);
            } else if (!partition.leaf()) {
                collect(partition.name(), test, candidates);
            }
        }
    }

    private boolean containsDefault(TableName root) {
        for (Partition p : partitions) {
            if (p.parent().equals(root) && (p.isDefault() || !p.leaf() && containsDefault(p.name()))) {
                return true;
            }
        }
        return false;
    }
}

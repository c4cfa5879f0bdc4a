package dev.retentioncleanup.differential;

import java.util.List;

/**
 * How a table is partitioned: {@code PARTITION BY strategy (columns)}, and its partitions, each with its bound
 * SQL ({@code FOR VALUES …} or {@code DEFAULT}) and possibly partitioned again.
 */
record Partitioning(String strategy, List<String> columns, List<Partition> partitions) {
    record Partition(String name, String bound, Partitioning sub) {
    }

    /** Partitions at every level, for counting shapes. */
    int depth() {
        return 1 + partitions.stream().filter(p -> p.sub() != null).mapToInt(p -> p.sub().depth()).max().orElse(0);
    }
}

package dev.retentioncleanup.execute;

/**
 * A partition the run removed whole: the table of the graph, the partition (both {@code schema.name}), {@code dropped}
 * or {@code detached}, and how many rows went with it.
 */
public record RemovedPartition(String table, String partition, String action, long rows) {
}

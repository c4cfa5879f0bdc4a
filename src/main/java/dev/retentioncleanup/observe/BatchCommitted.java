package dev.retentioncleanup.observe;

import dev.retentioncleanup.db.TableName;
import java.time.Duration;
import java.util.Map;

/**
 * One committed transaction of a batch. {@code rows} counts what this commit deleted per table;
 * {@code targetRows} is zero for the intermediate steps that drain descendants of a large batch.
 */
public record BatchCommitted(TableName target, long batchNumber, Map<TableName, Long> rows, long targetRows,
        Duration duration, int batchSize) {
    public BatchCommitted {
        rows = Map.copyOf(rows);
    }

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}

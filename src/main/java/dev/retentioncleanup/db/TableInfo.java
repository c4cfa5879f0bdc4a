package dev.retentioncleanup.db;

import java.util.List;
import java.util.Optional;

/**
 * An ordinary or partitioned table. {@code estimatedRows} is {@code reltuples} (-1: never analyzed;
 * for a partitioned table the sum over its partitions); {@code totalBytes} is heap + TOAST + indexes from
 * {@code relpages}, i.e. as of the last VACUUM/ANALYZE.
 */
public record TableInfo(TableName name, List<ColumnInfo> columns, List<String> primaryKey, long estimatedRows,
                        long totalBytes) {
    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** By exact (case-sensitive) name. */
    public Optional<ColumnInfo> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}

package dev.retentioncleanup.db;

import java.util.List;
import java.util.Optional;

/**
 * An ordinary or partitioned table. {@code storage} says whether its rows live in one physical table or in several
 * (partitions, {@code INHERITS} children), where a {@code ctid} alone does not identify a row. {@code estimatedRows} is {@code reltuples} (-1: never analyzed;
 * for a partitioned table the sum over its partitions); {@code totalBytes} is heap + TOAST + indexes from
 * {@code relpages}, i.e. as of the last VACUUM/ANALYZE.
 */
public record TableInfo(TableName name, List<ColumnInfo> columns, long estimatedRows, long totalBytes,
                        Storage storage) {
    public TableInfo {
        columns = List.copyOf(columns);
    }

    /**
     * Where the rows live. A unique index on a partitioned table covers every partition; on a table with
     * {@code INHERITS} children it covers the parent's own rows only.
     */
    public enum Storage {
        PLAIN, PARTITIONED, INHERITED;

        public boolean severalPhysicalTables() {
            return this != PLAIN;
        }
    }

    /** By exact (case-sensitive) name. */
    public Optional<ColumnInfo> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}

package dev.retentioncleanup.execute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of committed work only: updated right after each commit, so a failure never over-reports. */
final class RunTotals {
    private final Map<String, Long> rowsByTable = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> targetRowsByTenant = new LinkedHashMap<>();
    private final Map<String, Long> held = new LinkedHashMap<>();
    private long batches;
    private long targetRows;

    RunTotals(List<String> tables) {
        tables.forEach(t -> rowsByTable.put(t, 0L));
    }

    void addCommitted(Map<String, Long> rows) {
        rows.forEach((table, n) -> rowsByTable.merge(table, n, Long::sum));
    }

    void addTargets(String table, Map<String, Long> byTenant) {
        byTenant.forEach((tenant, n) -> {
            targetRowsByTenant.computeIfAbsent(tenant, t -> new LinkedHashMap<>()).merge(table, n, Long::sum);
            targetRows += n;
        });
    }

    void addHeld(String table, long rows) {
        if (rows > 0) {
            held.merge(table, rows, Long::sum);
        }
    }

    Map<String, Long> held() {
        return held;
    }

    void countBatch() {
        batches++;
    }

    Map<String, Long> rowsByTable() {
        return rowsByTable;
    }

    Map<String, Map<String, Long>> targetRowsByTenant() {
        return targetRowsByTenant;
    }

    long batches() {
        return batches;
    }

    long targetRows() {
        return targetRows;
    }
}

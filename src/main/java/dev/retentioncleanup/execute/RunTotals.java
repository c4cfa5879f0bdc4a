package dev.retentioncleanup.execute;

import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.TargetPlan;
import dev.retentioncleanup.plan.TenantCutoff;
import dev.retentioncleanup.result.PartitionRemoval;
import dev.retentioncleanup.result.RunResult;
import dev.retentioncleanup.result.TenantResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of committed work only, updated right after each commit so a failure never over-reports; in a dry run,
 * what a run would delete. Every table of the plan is counted, 0 when nothing went.
 */
final class RunTotals {
    private final Plan plan;
    private final Map<TableName, Long> rowsByTable = new LinkedHashMap<>();
    private final Map<String, Map<TableName, Long>> targetRowsByTenant = new HashMap<>();
    private final Map<TableName, Long> held = new LinkedHashMap<>();
    private final List<PartitionRemoval> partitions = new ArrayList<>();
    private long batches;
    private long targetRows;

    RunTotals(Plan plan) {
        this.plan = plan;
        plan.deleteOrder().forEach(t -> rowsByTable.put(t, 0L));
    }

    void add(TableName table, long rows) {
        rowsByTable.merge(table, rows, Long::sum);
    }

    void addTargets(TableName table, String tenant, long rows) {
        targetRowsByTenant.computeIfAbsent(tenant, t -> new HashMap<>()).merge(table, rows, Long::sum);
        targetRows += rows;
    }

    void addHeld(TableName table, long rows) {
        if (rows > 0) {
            held.merge(table, rows, Long::sum);
        }
    }

    void addPartition(PartitionRemoval partition) {
        partitions.add(partition);
    }

    /** Rows of {@code table} that went (or would go) with partitions removed whole. */
    long partitionRows(TableName table) {
        return partitions.stream().filter(p -> p.table().equals(table)).mapToLong(PartitionRemoval::rows).sum();
    }

    void countBatch() {
        batches++;
    }

    Map<TableName, Long> tables() {
        return rowsByTable;
    }

    long batches() {
        return batches;
    }

    long targetRows() {
        return targetRows;
    }

    /** The counts into {@code result}: per tenant only those with rows (a million would make a huge report). */
    RunResult.Builder into(RunResult.Builder result) {
        Map<String, TenantResult> tenants = new LinkedHashMap<>();
        for (TenantCutoff tenant : plan.tenants()) {
            Map<TableName, Long> counted = targetRowsByTenant.get(tenant.tenant());
            if (counted != null) {
                Map<TableName, Long> rows = new HashMap<>();
                for (TargetPlan target : plan.targets()) {
                    rows.put(target.table(), counted.getOrDefault(target.table(), 0L));
                }
                tenants.put(tenant.tenant(), new TenantResult(tenant.cutoff(), rows));
            }
        }
        return result.tables(rowsByTable).partitions(partitions).tenants(tenants).held(held).batches(batches);
    }
}

package dev.retentioncleanup.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a run tells at its end; the JSON report, the human summary, heartbeat and metrics are
 * renderings of this one value. {@code tables} keeps the delete order, {@code tenants} the tenant order.
 */
public record RunResult(
        Outcome outcome,
        boolean dryRun,
        UUID runId,
        Instant startedAt,
        Instant finishedAt,
        String stopReason,
        Map<String, Long> tables,
        Map<String, TenantResult> tenants,
        List<String> skippedTenants,
        long batches,
        Long walBytes,
        Long walBytesEstimate,
        List<GuardEvent> guardEvents) {

    public RunResult {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        tenants = Collections.unmodifiableMap(new LinkedHashMap<>(tenants));
        skippedTenants = List.copyOf(skippedTenants);
        guardEvents = List.copyOf(guardEvents);
    }

    public long totalRows() {
        return tables.values().stream().mapToLong(Long::longValue).sum();
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    public int exitCode() {
        return outcome.exitCode().code();
    }
}

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
 * {@code skippedTenants} maps each tenant kept whole to the reason; {@code held} counts, per table, eligible rows kept
 * because a kept row references them; {@code timeZone} is the zone that gave timestamp and date columns meaning;
 * {@code databaseNow} the database clock reading every cutoff was computed from.
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
        Map<String, String> skippedTenants,
        long batches,
        Long walBytes,
        Long walBytesEstimate,
        List<GuardEvent> guardEvents,
        Map<String, Long> held,
        String timeZone,
        Instant databaseNow) {

    public RunResult {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        tenants = Collections.unmodifiableMap(new LinkedHashMap<>(tenants));
        skippedTenants = Collections.unmodifiableMap(new LinkedHashMap<>(skippedTenants));
        held = Collections.unmodifiableMap(new LinkedHashMap<>(held));
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

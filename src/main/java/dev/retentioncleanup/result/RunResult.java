package dev.retentioncleanup.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.retentioncleanup.db.TableName;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a run tells at its end; the JSON report, the human summary, the log, heartbeat, metrics and the audit
 * row are renderings of this one value. Jackson writes it as the report (README, "The report"; a user contract):
 * the components in snake case, in the order below. {@code tables} keeps the delete order, {@code tenants} the
 * tenant order (tenants with rows only); {@code skippedReasons} maps each tenant kept whole to the reason;
 * {@code held} counts, per table, eligible rows kept because a kept row references them; {@code timeZone} is the
 * zone that gave timestamp and date columns meaning; {@code databaseNow} the database clock reading every cutoff
 * was computed from (both null when the run ended before it read them).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"status", "exit_code", "dry_run", "run_id", "started_at", "finished_at", "stop_reason", "tables",
        "partitions", "tenants", "skipped_tenants", "skipped_reasons", "held", "time_zone", "database_now", "batches", "wal_bytes",
        "wal_bytes_estimate", "archive", "guard_events"})
public record RunResult(
        @JsonIgnore Outcome outcome,
        boolean dryRun,
        UUID runId,
        Instant startedAt,
        Instant finishedAt,
        String stopReason,
        Map<TableName, Long> tables,
        List<PartitionRemoval> partitions,
        Map<String, TenantResult> tenants,
        Map<String, String> skippedReasons,
        Map<TableName, Long> held,
        String timeZone,
        Instant databaseNow,
        long batches,
        Long walBytes,
        Long walBytesEstimate,
        ArchiveResult archive,
        List<GuardEvent> guardEvents) {

    public RunResult {
        tables = ordered(tables);
        partitions = List.copyOf(partitions);
        tenants = ordered(tenants);
        skippedReasons = ordered(skippedReasons);
        held = ordered(held);
        guardEvents = List.copyOf(guardEvents);
    }

    public static Builder builder(UUID runId, Instant startedAt, boolean dryRun) {
        return new Builder(runId, startedAt, dryRun);
    }

    /** The report's {@code status}: completed | stopped | failed | skipped | dry_run. */
    @JsonProperty
    public String status() {
        return outcome.status();
    }

    @JsonProperty
    public int exitCode() {
        return outcome.exitCode().code();
    }

    /** The tenants kept whole, as the report lists them before their reasons. */
    @JsonProperty
    public List<String> skippedTenants() {
        return List.copyOf(skippedReasons.keySet());
    }

    public long totalRows() {
        return tables.values().stream().mapToLong(Long::longValue).sum();
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    private static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * The result as a run assembles it, piece by piece as it learns them; {@link #finishedAt} makes the value.
     * What a run never reached stays empty (or null): a run that failed before it read its policies has no tenants.
     */
    public static final class Builder {
        private final UUID runId;
        private final Instant startedAt;
        private final boolean dryRun;
        private Outcome outcome = Outcome.FAILED;
        private String stopReason;
        private Map<TableName, Long> tables = Map.of();
        private List<PartitionRemoval> partitions = List.of();
        private Map<String, TenantResult> tenants = Map.of();
        private Map<String, String> skippedReasons = Map.of();
        private Map<TableName, Long> held = Map.of();
        private String timeZone;
        private Instant databaseNow;
        private long batches;
        private Long walBytes;
        private Long walBytesEstimate;
        private ArchiveResult archive;
        private List<GuardEvent> guardEvents = List.of();

        private Builder(UUID runId, Instant startedAt, boolean dryRun) {
            this.runId = runId;
            this.startedAt = startedAt;
            this.dryRun = dryRun;
        }

        public UUID runId() {
            return runId;
        }

        public Instant startedAt() {
            return startedAt;
        }

        public boolean dryRun() {
            return dryRun;
        }

        /** How the run ended and, unless it completed, why; FAILED until told otherwise. */
        public Builder ended(Outcome outcome, String stopReason) {
            this.outcome = outcome;
            this.stopReason = stopReason;
            return this;
        }

        public Builder tables(Map<TableName, Long> tables) {
            this.tables = tables;
            return this;
        }

        /** The partitions removed whole (or, in a dry run, that would be), in the order they went. */
        public Builder partitions(List<PartitionRemoval> partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder tenants(Map<String, TenantResult> tenants) {
            this.tenants = tenants;
            return this;
        }

        /** What reading the policies told: the tenants kept whole (with why), the time zone, the database clock. */
        public Builder policies(Map<String, String> skippedReasons, String timeZone, Instant databaseNow) {
            this.skippedReasons = skippedReasons;
            this.timeZone = timeZone;
            this.databaseNow = databaseNow;
            return this;
        }

        public Builder held(Map<TableName, Long> held) {
            this.held = held;
            return this;
        }

        public Builder batches(long batches) {
            this.batches = batches;
            return this;
        }

        public Builder walBytes(Long walBytes) {
            this.walBytes = walBytes;
            return this;
        }

        public Builder walBytesEstimate(Long walBytesEstimate) {
            this.walBytesEstimate = walBytesEstimate;
            return this;
        }

        public Builder archive(ArchiveResult archive) {
            this.archive = archive;
            return this;
        }

        public Builder guardEvents(List<GuardEvent> guardEvents) {
            this.guardEvents = guardEvents;
            return this;
        }

        public RunResult finishedAt(Instant finishedAt) {
            return new RunResult(outcome, dryRun, runId, startedAt, finishedAt, stopReason, tables, partitions, tenants,
                    skippedReasons, held, timeZone, databaseNow, batches, walBytes, walBytesEstimate, archive,
                    guardEvents);
        }
    }
}

package dev.retentioncleanup.execute;

import dev.retentioncleanup.plan.TenantFilter;

/**
 * What the job needs beyond the config file, already validated.
 *
 * @param maxRetries retries of a transient error per batch and for the start-up work
 * @param partitions how partitions whose rows all go are removed
 * @param archive    where deleted rows are archived; null when they are not
 */
public record JobSettings(TenantFilter tenants, String timeZone, Limits limits, int maxRetries,
        PartitionSettings partitions, ArchiveSettings archive) {
}

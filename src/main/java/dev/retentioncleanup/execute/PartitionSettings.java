package dev.retentioncleanup.execute;

import java.time.Duration;

/**
 * How partitions are removed.
 *
 * @param ddlLockTimeout the longest any lock of a removal is waited for (the application's queries queue behind a
 *                       waiting lock request, so this bounds their wait too)
 * @param detachSchema   where {@code partitions: detach} moves what it detaches
 */
public record PartitionSettings(Duration ddlLockTimeout, String detachSchema) {
}

package dev.retentioncleanup.execute;

import dev.retentioncleanup.config.PartitionMode;
import dev.retentioncleanup.plan.TargetPlan;
import java.time.Duration;

/**
 * How partitions are removed.
 *
 * @param ddlLockTimeout the longest any lock of a removal is waited for (the application's queries queue behind a
 *                       waiting lock request, so this bounds their wait too)
 * @param detachSchema   where {@code partitions: detach} moves what it detaches
 * @param archiving      rows are archived: partitions go as rows, every one through the archive (a removal
 *                       would drop or detach them, and drain rows around them, unarchived)
 */
public record PartitionSettings(Duration ddlLockTimeout, String detachSchema, boolean archiving) {
    /** Whether a target's partitions whose rows all go are removed whole. */
    boolean removesWhole(TargetPlan target) {
        return target.partitioning().mode() != PartitionMode.ROWS && !archiving;
    }
}

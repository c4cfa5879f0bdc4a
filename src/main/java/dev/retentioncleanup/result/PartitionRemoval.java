package dev.retentioncleanup.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.retentioncleanup.db.TableName;
import java.util.Locale;

/**
 * A partition a run removed whole (in a dry run: would remove), as the report's {@code partitions} list has it:
 * the table of the delete graph it belongs to, the partition, what was done, its bounds and its rows.
 */
@JsonPropertyOrder({"table", "partition", "action", "bounds", "rows"})
public record PartitionRemoval(TableName table, TableName partition, Action action, String bounds, long rows) {
    public enum Action {
        DROPPED, DETACHED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

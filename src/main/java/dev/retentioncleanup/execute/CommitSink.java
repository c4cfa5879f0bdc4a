package dev.retentioncleanup.execute;

import dev.retentioncleanup.db.TableName;
import java.time.Duration;
import java.util.Map;

/** Told after every commit what it deleted; keeps totals and observers in step with the database. */
interface CommitSink {
    /**
     * @param rows          rows deleted per table by this commit
     * @param targetsByTenant target rows deleted per tenant; empty for a step that only drained descendants
     */
    void committed(Map<TableName, Long> rows, Map<String, Long> targetsByTenant, Duration took);
}

package dev.retentioncleanup.plan;

import dev.retentioncleanup.db.TableName;

/** One step of a target's path to its tenant: {@code from.fromColumn} references {@code to.toColumn}. */
public record ResolvedHop(TableName from, String fromColumn, TableName to, String toColumn) {
}

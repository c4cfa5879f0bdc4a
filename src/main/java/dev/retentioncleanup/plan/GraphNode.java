package dev.retentioncleanup.plan;

import dev.retentioncleanup.db.TableName;
import java.util.List;

/**
 * A descendant table of a target and the links through which its rows belong to doomed parents.
 * {@code severalPhysicalTables}: partitioned or with {@code INHERITS} children, so a {@code ctid} repeats across its
 * rows and a bounded delete must identify them by {@code (tableoid, ctid)}.
 */
public record GraphNode(TableName table, List<ParentLink> parents, boolean severalPhysicalTables) {
    public GraphNode {
        parents = List.copyOf(parents);
    }
}

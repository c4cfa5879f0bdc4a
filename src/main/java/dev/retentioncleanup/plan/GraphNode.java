package dev.retentioncleanup.plan;

import dev.retentioncleanup.db.TableName;
import java.util.List;

/** A descendant table of a target and the links through which its rows belong to doomed parents. */
public record GraphNode(TableName table, List<ParentLink> parents) {
    public GraphNode {
        parents = List.copyOf(parents);
    }
}

package dev.retentioncleanup.plan;

import dev.retentioncleanup.db.TableName;
import java.util.List;
import java.util.Optional;

/**
 * A target table and every table whose rows hang off it, in the order they must be deleted:
 * each descendant comes after all tables that reference it (leaf-first), the target last.
 * {@code selfLinks} are the target's references to its own rows (replies, threads) that a delete must respect:
 * a row they reference from a kept row is held.
 */
public record DeleteGraph(TableName target, List<GraphNode> descendantsLeafFirst, List<ParentLink> selfLinks) {
    public DeleteGraph {
        descendantsLeafFirst = List.copyOf(descendantsLeafFirst);
        selfLinks = List.copyOf(selfLinks);
    }

    public Optional<GraphNode> node(TableName table) {
        return descendantsLeafFirst.stream().filter(n -> n.table().equals(table)).findFirst();
    }

    /** Every table the graph deletes from, leaf-first, ending with the target. */
    public List<TableName> deleteOrder() {
        return java.util.stream.Stream.concat(
                        descendantsLeafFirst.stream().map(GraphNode::table), java.util.stream.Stream.of(target))
                .toList();
    }
}

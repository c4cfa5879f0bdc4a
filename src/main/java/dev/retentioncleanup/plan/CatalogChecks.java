package dev.retentioncleanup.plan;

import dev.retentioncleanup.db.Catalog;
import dev.retentioncleanup.db.ForeignKey;
import dev.retentioncleanup.db.OnDelete;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.Finding.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the catalog says about resolved targets, without touching data: the delete order, foreign key
 * columns no index leads with (every batch would scan that table), a target scan no index serves,
 * and references from outside the graph that will cascade without bound or make every delete fail. Pure.
 */
public final class CatalogChecks {
    private final Catalog catalog;

    public CatalogChecks(Catalog catalog) {
        this.catalog = catalog;
    }

    public List<Finding> check(TargetPlan target) {
        List<Finding> findings = new ArrayList<>();
        String where = target.where() + " " + target.table().display();
        findings.add(new Finding(Severity.INFO, where, "delete order: " + String.join(" → ",
                target.graph().deleteOrder().stream().map(TableName::display).toList())));
        for (GraphNode node : target.graph().descendantsLeafFirst()) {
            for (ParentLink link : node.parents()) {
                if (!catalog.hasIndexLeadingWith(node.table(), link.childColumns())) {
                    findings.add(new Finding(Severity.WARNING, node.table().display(),
                            "no index leads with " + link.childColumns() + " (" + link.origin() + "): every batch "
                                    + "would scan " + node.table().display() + "; CREATE INDEX CONCURRENTLY on "
                                    + node.table().display() + " (" + String.join(", ", link.childColumns()) + ")"));
                }
            }
        }
        if (!servesTargetScan(target)) {
            findings.add(new Finding(Severity.WARNING, where, "no index leads with (" + target.timestampColumn()
                    + ") or (" + target.tenantPath().get(0).fromColumn() + ", " + target.timestampColumn()
                    + "): finding each batch would scan " + target.table().display()));
        }
        findings.addAll(outsideReferences(target));
        return findings;
    }

    private boolean servesTargetScan(TargetPlan target) {
        return catalog.hasIndexLeadingWith(target.table(), List.of(target.timestampColumn()))
                || catalog.hasIndexLeadingWith(target.table(),
                        List.of(target.tenantPath().get(0).fromColumn(), target.timestampColumn()));
    }

    /** Foreign keys into the graph from tables the graph leaves out (skip_children, or children: none). */
    private List<Finding> outsideReferences(TargetPlan target) {
        Set<TableName> inGraph = new HashSet<>(target.graph().deleteOrder());
        List<Finding> findings = new ArrayList<>();
        for (TableName table : target.graph().deleteOrder()) {
            for (ForeignKey fk : catalog.referencing(table)) {
                if (inGraph.contains(fk.child())) {
                    continue;
                }
                String subject = fk.child().display() + " → " + table.display();
                if (fk.onDelete() == OnDelete.CASCADE) {
                    findings.add(new Finding(Severity.WARNING, subject, "left out of the graph but " + fk.name()
                            + " is ON DELETE CASCADE: the database will delete its rows unbounded inside our batches"));
                } else if (fk.onDelete() == OnDelete.NO_ACTION || fk.onDelete() == OnDelete.RESTRICT) {
                    findings.add(new Finding(Severity.ERROR, subject, "left out of the graph but " + fk.name()
                            + " is ON DELETE " + fk.onDelete().name().replace('_', ' ')
                            + ": every delete of a referenced row will fail"));
                }
            }
        }
        return findings;
    }
}

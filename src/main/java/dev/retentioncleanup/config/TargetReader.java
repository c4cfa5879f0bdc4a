package dev.retentioncleanup.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and checks the {@code targets:} list against the policy. */
final class TargetReader {
    private static final Set<String> KEYS =
            Set.of("table", "key", "timestamp", "tenant", "children", "extra_children", "skip_children",
                    "partitions");

    private TargetReader() {
    }

    static List<TargetConfig> readAll(YamlNode node, PolicyConfig policy) {
        List<YamlNode> elements = node.elements("a list of targets", false);
        if (elements.isEmpty()) {
            throw node.error("lists no targets; expected at least one");
        }
        List<TargetConfig> targets = new ArrayList<>();
        for (YamlNode element : elements) {
            TargetConfig target = read(element, policy);
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i).table().mayBeSameAs(target.table())) {
                    throw element.required("table").error("'" + target.table().display() + "' is already a target in "
                            + node.path().index(i));
                }
            }
            targets.add(target);
        }
        return List.copyOf(targets);
    }

    private static TargetConfig read(YamlNode node, PolicyConfig policy) {
        node.mappingOf(KEYS, "a target mapping (table, key, timestamp, tenant, …)");
        TableRef table = node.required("table").parsed("a table name", TableRef::parse);
        String key = node.required("key").parsed("a column name", Identifiers::column);
        String timestamp = node.required("timestamp").parsed("a column name", Identifiers::column);
        List<TenantHop> tenant = tenantPath(node.required("tenant"), policy);
        boolean autoChildren = node.optional("children").map(TargetReader::children).orElse(true);
        List<Edge> extra = node.optional("extra_children")
                .map(n -> n.elements("a list of relations " + Edge.FORM, false).stream()
                        .map(e -> e.parsed("a relation " + Edge.FORM, Edge::parse)).toList())
                .orElse(List.of());
        List<TableRef> skip = node.optional("skip_children")
                .map(n -> n.elements("a list of table names", false).stream()
                        .map(t -> t.parsed("a table name", TableRef::parse)).toList())
                .orElse(List.of());
        PartitionMode partitions = node.optional("partitions")
                .map(n -> n.parsed("rows, drop or detach", PartitionMode::parse)).orElse(PartitionMode.ROWS);
        return new TargetConfig(table, key, timestamp, tenant, autoChildren, extra, skip, partitions);
    }

    private static List<TenantHop> tenantPath(YamlNode node, PolicyConfig policy) {
        List<TenantHop> hops = node.elements("a list of hops " + TenantHop.FORM, true).stream()
                .map(h -> h.parsed("a hop " + TenantHop.FORM, TenantHop::parse)).toList();
        if (hops.isEmpty()) {
            throw node.error("is empty; expected hops " + TenantHop.FORM + " from the target to the policy table");
        }
        ColumnRef end = hops.get(hops.size() - 1).references();
        // With a policy query the last hop's column is matched against the query's tenant values, so any table goes.
        if (!policy.usesQuery() && !(end.table().mayBeSameAs(policy.table()) && end.column().equals(policy.key()))) {
            throw node.error("the path must end at the policy table: its last hop references " + end.display()
                    + ", expected " + new ColumnRef(policy.table(), policy.key()).display());
        }
        return hops;
    }

    private static boolean children(YamlNode node) {
        String value = node.text("auto or none");
        return switch (value) {
            case "auto" -> true;
            case "none" -> false;
            default -> throw node.error("'" + value + "' is not auto or none");
        };
    }
}

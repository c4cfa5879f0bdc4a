package dev.retentioncleanup.plan;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.Edge;
import dev.retentioncleanup.config.PolicyConfig;
import dev.retentioncleanup.config.RetentionConfig;
import dev.retentioncleanup.config.TableRef;
import dev.retentioncleanup.config.TargetConfig;
import dev.retentioncleanup.config.TenantHop;
import dev.retentioncleanup.db.Catalog;
import dev.retentioncleanup.db.ColumnInfo;
import dev.retentioncleanup.db.ForeignKey;
import dev.retentioncleanup.db.IndexInfo;
import dev.retentioncleanup.db.OnDelete;
import dev.retentioncleanup.db.TableInfo;
import dev.retentioncleanup.db.TableName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the config against the catalog and resolves it into target plans: every table and column
 * must exist, the tenant path must end at the policy key, and each hop must reference a unique column
 * (otherwise one row would have several tenants). Errors are {@link ConfigException}s naming the key.
 */
public final class TargetResolver {
    private static final Pattern TYPE_MODIFIER = Pattern.compile("\\([^)]*\\)");
    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint", "numeric");

    private final Catalog catalog;
    private final RetentionConfig config;

    public TargetResolver(Catalog catalog, RetentionConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    /** The policy table, checked; null when the policy is a query. */
    public TableName policyTable() {
        PolicyConfig policy = config.policy();
        if (policy.usesQuery()) {
            return null;
        }
        TableName table = table(policy.table(), "/policy/table", "policy.table");
        column(table, policy.key(), "/policy/key", "policy.key");
        ColumnInfo days = column(table, policy.retentionDaysColumn(), "/policy/retention_days", "policy.retention_days");
        if (!INTEGER_TYPES.contains(baseType(days.type()))) {
            throw error("/policy/retention_days", "policy.retention_days: column " + table.display() + "."
                    + days.name() + " is " + days.type() + ", not an integer type");
        }
        return table;
    }

    public List<TargetPlan> resolve() {
        TableName policyTable = policyTable();
        List<TargetPlan> plans = new ArrayList<>();
        for (int i = 0; i < config.targets().size(); i++) {
            plans.add(resolve(i, config.targets().get(i), policyTable));
        }
        return plans;
    }

    private TargetPlan resolve(int index, TargetConfig target, TableName policyTable) {
        String where = "targets[" + index + "]";
        String pointer = "/targets/" + index;
        TableName table = table(target.table(), pointer + "/table", where + ".table");
        ColumnInfo key = column(table, target.key(), pointer + "/key", where + ".key");
        ColumnInfo timestamp = column(table, target.timestamp(), pointer + "/timestamp", where + ".timestamp");
        String timestampType = baseType(timestamp.type());
        if (!timestampType.startsWith("timestamp") && !timestampType.equals("date")) {
            throw error(pointer + "/timestamp", where + ".timestamp: column " + table.display() + "."
                    + timestamp.name() + " is " + timestamp.type() + ", not a timestamp or date");
        }
        List<ResolvedHop> path = tenantPath(table, target.tenant(), pointer + "/tenant", where + ".tenant");
        ResolvedHop last = path.get(path.size() - 1);
        PolicyConfig policy = config.policy();
        if (policyTable != null && (!last.to().equals(policyTable) || !last.toColumn().equals(policy.key()))) {
            throw error(pointer + "/tenant", where + ".tenant: the path ends at " + last.to().display() + "."
                    + last.toColumn() + ", not at the policy key " + policyTable.display() + "." + policy.key());
        }
        List<ForeignKey> extras = extraChildren(target.extraChildren(), pointer + "/extra_children",
                where + ".extra_children");
        Set<TableName> skip = new HashSet<>();
        for (int s = 0; s < target.skipChildren().size(); s++) {
            skip.add(table(target.skipChildren().get(s), pointer + "/skip_children/" + s,
                    where + ".skip_children[" + s + "]"));
        }
        DeleteGraph graph = new DeleteGraphBuilder(catalog::referencing, extras, skip, target.autoChildren())
                .build(table, where);
        return new TargetPlan(where, table, key.name(), baseType(key.type()), timestamp.name(), path, graph);
    }

    private List<ResolvedHop> tenantPath(TableName start, List<TenantHop> hops, String pointer, String key) {
        List<ResolvedHop> path = new ArrayList<>();
        TableName current = start;
        for (int h = 0; h < hops.size(); h++) {
            TenantHop hop = hops.get(h);
            String hopPointer = pointer + "/" + h;
            String hopKey = key + "[" + h + "]";
            column(current, hop.column(), hopPointer, hopKey);
            TableName to = table(hop.references().table(), hopPointer, hopKey);
            column(to, hop.references().column(), hopPointer, hopKey);
            if (!isUnique(to, hop.references().column())) {
                throw error(hopPointer, hopKey + ": " + to.display() + "." + hop.references().column()
                        + " has no primary key or unique index on exactly that column, so a row's tenant "
                        + "would be ambiguous");
            }
            path.add(new ResolvedHop(current, hop.column(), to, hop.references().column()));
            current = to;
        }
        return path;
    }

    private List<ForeignKey> extraChildren(List<Edge> edges, String pointer, String key) {
        List<ForeignKey> links = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            Edge edge = edges.get(e);
            String edgePointer = pointer + "/" + e;
            String edgeKey = key + "[" + e + "]";
            TableName child = table(edge.child().table(), edgePointer, edgeKey);
            column(child, edge.child().column(), edgePointer, edgeKey);
            TableName parent = table(edge.parent().table(), edgePointer, edgeKey);
            column(parent, edge.parent().column(), edgePointer, edgeKey);
            links.add(new ForeignKey(edgeKey + " " + edge.display(), child, List.of(edge.child().column()), parent,
                    List.of(edge.parent().column()), OnDelete.NO_ACTION));
        }
        return links;
    }

    private boolean isUnique(TableName table, String column) {
        for (IndexInfo index : catalog.indexesOn(table)) {
            if ((index.unique() || index.primary()) && !index.partial() && index.valid()
                    && index.columns().equals(List.of(column))) {
                return true;
            }
        }
        return false;
    }

    private TableName table(TableRef ref, String pointer, String key) {
        return catalog.resolve(ref.schema(), ref.table()).orElseThrow(() -> error(pointer, key + ": no table "
                + ref.display() + (ref.schema() == null
                        ? " on the search_path (" + String.join(", ", catalog.searchPath()) + ")" : "")));
    }

    private ColumnInfo column(TableName table, String column, String pointer, String key) {
        TableInfo info = catalog.table(table).orElseThrow();
        return info.column(column).orElseThrow(() -> error(pointer, key + ": table " + table.display()
                + " has no column " + TableName.quote(column)));
    }

    private ConfigException error(String pointer, String message) {
        return new ConfigException(config.locate(pointer) + message);
    }

    /** "character varying(64)" → "character varying": the name pgjdbc needs to build typed arrays. */
    static String baseType(String formatted) {
        return TYPE_MODIFIER.matcher(formatted).replaceAll("").replaceAll("\\s+", " ").trim();
    }
}

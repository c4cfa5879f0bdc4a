package dev.retentioncleanup.plan;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.ConfigPath;
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
    private static final Set<String> NUMBER_TYPES = Set.of("smallint", "integer", "bigint", "numeric", "real",
            "double precision");

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
        TableName table = table(policy.table(), ConfigPath.of("policy", "table"));
        column(table, policy.key(), ConfigPath.of("policy", "key"));
        ConfigPath daysPath = ConfigPath.of("policy", "retention_days");
        ColumnInfo days = column(table, policy.retentionDaysColumn(), daysPath);
        if (!NUMBER_TYPES.contains(baseType(days.type()))) {
            throw error(daysPath, "column " + table.display() + "." + days.name() + " is " + days.type()
                    + ", not a number type");
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
        ConfigPath at = ConfigPath.of("targets").index(index);
        String where = at.toString();
        TableName table = table(target.table(), at.key("table"));
        ColumnInfo key = column(table, target.key(), at.key("key"));
        ColumnInfo timestamp = column(table, target.timestamp(), at.key("timestamp"));
        TimestampKind timestampKind = TimestampKind.of(baseType(timestamp.type())).orElseThrow(() -> error(
                at.key("timestamp"), "column " + table.display() + "." + timestamp.name() + " is "
                        + timestamp.type() + ", not a timestamp or date"));
        boolean keyWithTimestamp = keyWithTimestamp(table, key, timestamp, at.key("key"));
        List<ResolvedHop> path = tenantPath(table, target.tenant(), at.key("tenant"));
        ResolvedHop last = path.get(path.size() - 1);
        PolicyConfig policy = config.policy();
        if (policyTable != null && (!last.to().equals(policyTable) || !last.toColumn().equals(policy.key()))) {
            throw error(at.key("tenant"), "the path ends at " + last.to().display() + "." + last.toColumn()
                    + ", not at the policy key " + policyTable.display() + "." + policy.key());
        }
        List<ForeignKey> extras = extraChildren(target.extraChildren(), at.key("extra_children"));
        Set<TableName> skip = new HashSet<>();
        for (int s = 0; s < target.skipChildren().size(); s++) {
            skip.add(table(target.skipChildren().get(s), at.key("skip_children").index(s)));
        }
        DeleteGraph graph = new DeleteGraphBuilder(catalog::referencing, extras, skip, target.autoChildren(),
                t -> storage(t).severalPhysicalTables()).build(table, where);
        for (ParentLink self : graph.selfLinks()) {
            if (keyWithTimestamp || !self.parentColumns().equals(List.of(key.name()))) {
                throw error(at, table.display() + " references itself through " + self.origin()
                        + " on other columns than its key alone; only self-references to the key are supported");
            }
        }
        return new TargetPlan(where, table, key.name(), baseType(key.type()), timestamp.name(), timestampKind,
                keyWithTimestamp, storage(table) == TableInfo.Storage.INHERITED, path, graph,
                new Partitioning(target.partitions(), foreignKeysInto(graph)));
    }

    private List<ForeignKey> foreignKeysInto(DeleteGraph graph) {
        return graph.deleteOrder().stream().flatMap(t -> catalog.referencing(t).stream()).toList();
    }

    /**
     * A key must name one row: NOT NULL, and a primary key or unique index on exactly it (false), or on exactly it and
     * the timestamp (true: rows are identified by the pair, as in a table partitioned by time).
     */
    private boolean keyWithTimestamp(TableName table, ColumnInfo key, ColumnInfo timestamp, ConfigPath at) {
        if (key.nullable()) {
            throw error(at, "column " + table.display() + "." + key.name()
                    + " is nullable; a key must be NOT NULL");
        }
        if (isUnique(table, List.of(key.name()))) {
            return false;
        }
        if (timestamp.nullable() || !isUnique(table, List.of(key.name(), timestamp.name()))) {
            throw error(at, table.display() + "." + key.name()
                    + " has no primary key or unique index on exactly that column (or on it and a NOT NULL timestamp"
                    + " column), so it could name several rows");
        }
        return true;
    }

    private TableInfo.Storage storage(TableName table) {
        return catalog.table(table).map(TableInfo::storage).orElse(TableInfo.Storage.PLAIN);
    }

    private List<ResolvedHop> tenantPath(TableName start, List<TenantHop> hops, ConfigPath at) {
        List<ResolvedHop> path = new ArrayList<>();
        TableName current = start;
        for (int h = 0; h < hops.size(); h++) {
            TenantHop hop = hops.get(h);
            ConfigPath hopAt = at.index(h);
            column(current, hop.column(), hopAt);
            TableName to = table(hop.references().table(), hopAt);
            column(to, hop.references().column(), hopAt);
            requireUnique(to, hop.references().column(), hopAt, "a row's tenant would be ambiguous");
            path.add(new ResolvedHop(current, hop.column(), to, hop.references().column()));
            current = to;
        }
        return path;
    }

    private List<ForeignKey> extraChildren(List<Edge> edges, ConfigPath at) {
        List<ForeignKey> links = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            Edge edge = edges.get(e);
            ConfigPath edgeAt = at.index(e);
            TableName child = table(edge.child().table(), edgeAt);
            column(child, edge.child().column(), edgeAt);
            TableName parent = table(edge.parent().table(), edgeAt);
            column(parent, edge.parent().column(), edgeAt);
            requireUnique(parent, edge.parent().column(), edgeAt,
                    "a child row could belong to kept and deleted parents alike");
            links.add(new ForeignKey(edgeAt + " " + edge.display(), child, List.of(edge.child().column()), parent,
                    List.of(edge.parent().column()), OnDelete.NO_ACTION));
        }
        return links;
    }

    /** A referenced column must name one row; {@code otherwise} says what would go wrong if it did not. */
    private void requireUnique(TableName table, String column, ConfigPath at, String otherwise) {
        if (!isUnique(table, List.of(column))) {
            throw error(at, table.display() + "." + column
                    + " has no primary key or unique index on exactly that column, so " + otherwise);
        }
    }

    /** A valid, non-partial unique index (or primary key) on exactly these columns, in any order. */
    private boolean isUnique(TableName table, List<String> columns) {
        Set<String> wanted = Set.copyOf(columns);
        for (IndexInfo index : catalog.indexesOn(table)) {
            if ((index.unique() || index.primary()) && !index.partial() && index.valid()
                    && index.columns().size() == columns.size() && !index.columns().contains(null)
                    && Set.copyOf(index.columns()).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private TableName table(TableRef ref, ConfigPath at) {
        return catalog.resolve(ref.schema(), ref.table()).orElseThrow(() -> error(at, "no table "
                + ref.display() + (ref.schema() == null
                        ? " on the search_path (" + String.join(", ", catalog.searchPath()) + ")" : "")));
    }

    private ColumnInfo column(TableName table, String column, ConfigPath at) {
        TableInfo info = catalog.table(table).orElseThrow();
        return info.column(column).orElseThrow(() -> error(at, "table " + table.display()
                + " has no column " + TableName.quote(column)));
    }

    /** "retention.yml:14: targets[0].table: " and the message: the line and key, as the loader names them. */
    private ConfigException error(ConfigPath at, String message) {
        return new ConfigException(config.locate(at) + ": " + message);
    }

    /** "character varying(64)" → "character varying": the name pgjdbc needs to build typed arrays. */
    static String baseType(String formatted) {
        return TYPE_MODIFIER.matcher(formatted).replaceAll("").replaceAll("\\s+", " ").trim();
    }
}

package dev.retentioncleanup.differential;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates a valid scenario (schema, config, zones) from a seed: 1–3 targets with their tenant paths, then
 * descendants that each reference one to three existing tables (so the graph is acyclic by construction, and a
 * second parent makes a diamond or a table shared by two targets). A {@link DefectInjector} may then break it.
 */
final class ScenarioGenerator {
    /** UTC+14 and UTC−12 are the extremes; the others have DST or odd offsets. */
    static final List<String> ZONES = List.of("UTC", "Etc/GMT-14", "Etc/GMT+12", "America/New_York", "Europe/Berlin",
            "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu");
    static final List<String> SCHEMAS = List.of("fz_app", "Fz_Billing", "fzMixed");
    private static final int MAX_DEPTH = 4;

    private final Random random;
    private final Set<Family> families;
    private final List<Table> tables = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final Map<Integer, Integer> depth = new HashMap<>();
    private final Set<String> usedNames = new LinkedHashSet<>();

    private ScenarioGenerator(long seed, Set<Family> families) {
        this.random = new Random(seed);
        this.families = families;
    }

    static Scenario generate(long seed, Set<Family> families) {
        return new ScenarioGenerator(seed, families).scenario(seed);
    }

    private Scenario scenario(long seed) {
        String serverZone = pick(ZONES);
        String jvmZone = has(Family.JVMTZ) && random.nextInt(4) != 0 ? pick(ZONES) : serverZone;
        String flagZone = has(Family.TZFLAG) && random.nextInt(3) == 0 ? pick(ZONES) : null;

        KeyType tenantType = pick(KeyType.values());
        String tenantKey = pick(List.of("id", "OrgId", "tenant_key"));
        String retention = pick(List.of("retention_days", "Keep_Days"));
        Table policyTable = add(Table.Role.POLICY, pick(List.of("orgs", "Organizations", "tenants")),
                List.of(new Column(tenantKey, tenantType.sql, true), new Column(retention, "numeric", false),
                        new Column("name", "text", false)), List.of(tenantKey), List.of(), null, List.of());
        depth.put(policyTable.id(), -1);
        Policy policy = new Policy(policyTable.id(), tenantKey, retention,
                random.nextInt(2) == 0 ? null : 1 + random.nextInt(40),
                random.nextInt(3) == 0 ? null : random.nextInt(4));

        Table hopTable = null;
        if (random.nextBoolean()) {
            KeyType hopType = pick(KeyType.values());
            hopTable = add(Table.Role.HOP, pick(List.of("domains", "Workspaces")),
                    List.of(new Column("id", hopType.sql, true), new Column("org_ref", tenantType.sql, false)),
                    List.of("id"), List.of(), null, List.of());
            depth.put(hopTable.id(), -1);
            link(hopTable.id(), List.of("org_ref"), policyTable.id(), List.of(tenantKey), OnDelete.NO_ACTION,
                    random.nextInt(4) != 0);
        }

        List<Target> targets = new ArrayList<>();
        int targetCount = 1 + random.nextInt(3);
        for (int i = 0; i < targetCount; i++) {
            targets.add(target(policyTable, tenantKey, hopTable));
        }
        int descendants = random.nextInt(8);
        for (int i = 0; i < descendants; i++) {
            descendant(Table.Role.DESCENDANT);
        }
        if (random.nextInt(7) == 0) {
            skipped();
        }
        targets = assignExtrasAndSkips(targets);
        Scenario valid = new Scenario(seed, EnumSet.copyOf(families), serverZone, jvmZone, flagZone, List.copyOf(tables),
                List.copyOf(links), policy, List.copyOf(targets), null);
        if (has(Family.REFUSED) && random.nextInt(6) == 0) {
            return DefectInjector.inject(valid, random);
        }
        return valid;
    }

    private Target target(Table policyTable, String tenantKey, Table hopTable) {
        KeyType keyType = pick(KeyType.values());
        List<TsType> tsTypes = new ArrayList<>(List.of(TsType.TIMESTAMPTZ));
        if (has(Family.TIMESTAMP)) {
            tsTypes.add(TsType.TIMESTAMP);
        }
        if (has(Family.DATE)) {
            tsTypes.add(TsType.DATE);
        }
        TsType tsType = pick(tsTypes);
        boolean partitioned = has(Family.PARTITIONED) && random.nextInt(4) == 0;
        boolean inherits = !partitioned && has(Family.INHERITS) && random.nextInt(5) == 0;
        String key = pick(List.of("id", "Id", "msg_id"));
        String ts = pick(List.of("created_at", "SentAt", "ts"));
        boolean viaHop = hopTable != null && random.nextBoolean();
        String tenantColumn = viaHop ? pick(List.of("domain_id", "WorkspaceId")) : pick(List.of("org_id", "TenantRef"));
        String tenantType = viaHop ? hopTable.column("id").type() : policyTable.column(tenantKey).type();

        List<Column> columns = new ArrayList<>();
        columns.add(new Column(key, keyType.sql, true));
        columns.add(new Column(ts, tsType.sql, partitioned || random.nextInt(4) == 0));
        columns.add(new Column(tenantColumn, tenantType, false));
        List<List<String>> uniques = new ArrayList<>();
        if (!partitioned && random.nextInt(3) == 0) {
            columns.add(new Column("uid", "uuid", false));
            uniques.add(List.of("uid"));
        }
        OnDelete selfAction = null;
        if (!partitioned) {
            if (has(Family.SELFREF) && random.nextInt(3) == 0) {
                selfAction = pick(List.of(OnDelete.CASCADE, OnDelete.RESTRICT, OnDelete.NO_ACTION, OnDelete.SET_NULL));
            } else if (random.nextInt(8) == 0) {
                selfAction = OnDelete.SET_NULL;
            }
        }
        if (selfAction != null) {
            columns.add(new Column("reply_to_id", keyType.sql, false));
        }
        columns.add(new Column("body", "text", false));
        Partitioning partitioning = partitioned ? PartitionShapes.byTime(random, ts, tsType, key) : null;
        List<String> pk = partitioned ? List.of(key, ts) : List.of(key);
        String name = uniqueName(pick(List.of("emails", "Tickets", "events", "ChatSessions", "orders")));
        Table table = add(Table.Role.TARGET, name, columns, pk, uniques, partitioning,
                inherits ? inheritChildren(name) : List.of());
        depth.put(table.id(), 0);

        List<Target.Hop> hops = new ArrayList<>();
        if (viaHop) {
            hops.add(new Target.Hop(table.id(), tenantColumn, hopTable.id(), "id"));
            hops.add(new Target.Hop(hopTable.id(), "org_ref", policyTable.id(), tenantKey));
        } else {
            hops.add(new Target.Hop(table.id(), tenantColumn, policyTable.id(), tenantKey));
        }
        Table hopTo = viaHop ? hopTable : policyTable;
        link(table.id(), List.of(tenantColumn), hopTo.id(), List.of(viaHop ? "id" : tenantKey), OnDelete.NO_ACTION,
                random.nextInt(3) != 0);
        if (selfAction != null) {
            link(table.id(), List.of("reply_to_id"), table.id(), List.of(key), selfAction, true);
        }
        return new Target(table.id(), key, ts, tsType, hops, true, List.of(), List.of());
    }

    private List<String> inheritChildren(String name) {
        List<String> children = new ArrayList<>();
        int n = 1 + random.nextInt(2);
        for (int i = 1; i <= n; i++) {
            children.add(name + "_kid" + i);
        }
        return children;
    }

    /** A table referencing one to three existing graph tables (never a later one: the graph stays acyclic). */
    private void descendant(Table.Role role) {
        List<Table> candidates = tables.stream()
                .filter(t -> t.role() == Table.Role.TARGET || t.role() == Table.Role.DESCENDANT)
                .filter(t -> depth.get(t.id()) < MAX_DEPTH && !t.keys().isEmpty())
                .toList();
        if (candidates.isEmpty()) {
            return;
        }
        List<Table> parents = new ArrayList<>(List.of(pick(candidates)));
        if (role == Table.Role.DESCENDANT) {
            int extra = random.nextInt(10) < 4 ? 1 : 0;
            extra += random.nextInt(10) == 0 ? 1 : 0;
            for (int i = 0; i < extra; i++) {
                Table other = pick(candidates);
                if (!parents.contains(other)) {
                    parents.add(other);
                }
            }
        }
        String name = uniqueName(pick(List.of("recipients", "Attachments", "opens", "clicks", "LineItems", "notes",
                "audit_rows", "Replies")));
        List<Column> columns = new ArrayList<>();
        List<String> pk = new ArrayList<>();
        List<List<String>> uniques = new ArrayList<>();
        Partitioning partitioning = null;
        boolean partitioned = role == Table.Role.DESCENDANT && has(Family.PARTITIONED) && random.nextInt(4) == 0;
        int keyShape = random.nextInt(20); // 0-2: no key, 3-12: single, 13-19: composite
        KeyType idType = pick(KeyType.values());
        if (partitioned) {
            int strategy = random.nextInt(3);
            if (strategy == 0 && (idType == KeyType.INT || idType == KeyType.BIGINT) && keyShape >= 3) {
                columns.add(new Column("id", idType.sql, true));
                pk.add("id");
                partitioning = PartitionShapes.rangeOnId(random, tables.size());
            } else if (strategy == 1 && keyShape >= 3) {
                columns.add(new Column("id", idType.sql, true));
                pk.add("id");
                partitioning = PartitionShapes.hash("id", 2 + random.nextInt(2));
            } else {
                columns.add(new Column("id", idType.sql, true));
                columns.add(new Column("bucket", "smallint", true));
                if (keyShape >= 3) {
                    pk.addAll(List.of("id", "bucket"));
                }
                partitioning = PartitionShapes.byBucket(random, keyShape >= 3);
            }
        } else if (keyShape < 3) {
            columns.add(new Column("id", idType.sql, false));
        } else if (keyShape < 13) {
            String keyName = pick(List.of("id", "Id", "ref"));
            columns.add(new Column(keyName, idType.sql, true));
            pk.add(keyName);
        } else {
            KeyType second = pick(KeyType.values());
            columns.add(new Column("k1", idType.sql, true));
            columns.add(new Column("K2", second.sql, true));
            pk.addAll(List.of("k1", "K2"));
        }
        if (partitioning == null && !pk.isEmpty() && random.nextInt(5) == 0) {
            columns.add(new Column("code", "text", false));
            uniques.add(List.of("code"));
        }
        List<PlannedLink> planned = new ArrayList<>();
        for (Table parent : parents) {
            List<String> parentKey = pick(parent.keys());
            // Undeclared relations are single-column (extra_children's form); the database takes no action on them.
            boolean declared = role == Table.Role.SKIPPED || parentKey.size() > 1 || random.nextInt(7) != 0;
            OnDelete action = role == Table.Role.SKIPPED ? OnDelete.CASCADE
                    : declared ? pick(OnDelete.values()) : OnDelete.NO_ACTION;
            boolean notNull = action.followed() && random.nextInt(4) == 0;
            List<String> childColumns = new ArrayList<>();
            for (String parentColumn : parentKey) {
                String column = uniqueColumn(columns, parent.name().toLowerCase() + "_" + parentColumn);
                columns.add(new Column(column, parent.column(parentColumn).type(), notNull));
                childColumns.add(column);
            }
            planned.add(new PlannedLink(childColumns, parent, parentKey, action, declared));
        }
        boolean selfSetNull = role == Table.Role.DESCENDANT && partitioning == null && pk.size() == 1
                && random.nextInt(10) == 0;
        if (selfSetNull) {
            columns.add(new Column("parent_row", columns.get(0).type(), false));
        }
        columns.add(new Column("note", "text", false));
        boolean inherits = role == Table.Role.DESCENDANT && partitioning == null && has(Family.INHERITS)
                && random.nextInt(6) == 0;
        Table table = add(role, name, columns, pk, uniques, partitioning, inherits ? inheritChildren(name) : List.of());
        int d = 0;
        for (PlannedLink p : planned) {
            link(table.id(), p.childColumns(), p.parent().id(), p.parentColumns(), p.action(), p.declared());
            d = Math.max(d, depth.get(p.parent().id()) + 1);
        }
        if (selfSetNull) {
            link(table.id(), List.of("parent_row"), table.id(), pk, OnDelete.SET_NULL, true);
        }
        depth.put(table.id(), d);
    }

    /** A leaf whose only link is a CASCADE foreign key, listed in skip_children: the database deletes its rows. */
    private void skipped() {
        descendant(Table.Role.SKIPPED);
    }

    /**
     * Lists each undeclared link under every target whose graph reaches its parent, and each skipped table under
     * every target whose graph reaches its parent; so that a target's graph and the union of graphs agree (the
     * contract's graphs are per target). {@code children: none} only where the declared links it would ignore
     * do not exist.
     */
    private List<Target> assignExtrasAndSkips(List<Target> targets) {
        List<Target> result = new ArrayList<>(targets);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < result.size(); i++) {
                Target t = result.get(i);
                TargetGraph graph = TargetGraph.of(links, t);
                List<Integer> extras = new ArrayList<>(t.extraLinks());
                List<Integer> skips = new ArrayList<>(t.skipChildren());
                for (Link link : links) {
                    if (!graph.tables().contains(link.parent()) || link.selfReference()) {
                        continue;
                    }
                    if (!link.declared() && !extras.contains(link.id())) {
                        extras.add(link.id());
                    }
                    if (tables.get(link.child()).role() == Table.Role.SKIPPED && !skips.contains(link.child())) {
                        skips.add(link.child());
                    }
                }
                if (!extras.equals(t.extraLinks()) || !skips.equals(t.skipChildren())) {
                    result.set(i, new Target(t.table(), t.key(), t.timestamp(), t.tsType(), t.hops(), t.autoChildren(),
                            extras, skips));
                    changed = true;
                }
            }
        }
        for (int i = 0; i < result.size(); i++) {
            Target t = result.get(i);
            if (random.nextInt(6) != 0) {
                continue;
            }
            Target none = new Target(t.table(), t.key(), t.timestamp(), t.tsType(), t.hops(), false, t.extraLinks(),
                    t.skipChildren());
            TargetGraph graph = TargetGraph.of(links, none);
            boolean ignoresDeclared = links.stream().anyMatch(l -> l.declared() && !l.selfReference()
                    && l.onDelete().followed() && graph.tables().contains(l.parent())
                    && tables.get(l.parent()).role() != Table.Role.POLICY && tables.get(l.parent()).role() != Table.Role.HOP
                    && !t.skipChildren().contains(l.child()));
            if (!ignoresDeclared) {
                result.set(i, none);
            }
        }
        return result;
    }

    private Table add(Table.Role role, String name, List<Column> columns, List<String> pk, List<List<String>> uniques,
            Partitioning partitioning, List<String> inheritChildren) {
        List<Column> withRid = new ArrayList<>(columns);
        withRid.add(new Column(Table.RID, "bigint", false));
        Table table = new Table(tables.size(), pick(SCHEMAS), name, role, List.copyOf(withRid), List.copyOf(pk),
                List.copyOf(uniques), partitioning, List.copyOf(inheritChildren));
        tables.add(table);
        return table;
    }

    private void link(int child, List<String> childColumns, int parent, List<String> parentColumns, OnDelete action,
            boolean declared) {
        String deferrable = "";
        if (declared && random.nextInt(5) == 0) {
            deferrable = random.nextBoolean() ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE INITIALLY IMMEDIATE";
        }
        links.add(new Link(links.size(), "fk_" + links.size(), child, List.copyOf(childColumns), parent,
                List.copyOf(parentColumns), action, deferrable, declared));
    }

    private String uniqueName(String base) {
        String name = base;
        for (int i = 2; !usedNames.add(name.toLowerCase()); i++) {
            name = base + i;
        }
        return name;
    }

    private static String uniqueColumn(List<Column> columns, String base) {
        String name = base;
        for (int i = 2; taken(columns, name); i++) {
            name = base + i;
        }
        return name;
    }

    private static boolean taken(List<Column> columns, String name) {
        return columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(name));
    }

    /** A link of a descendant being built, created once the table has its id. */
    private record PlannedLink(List<String> childColumns, Table parent, List<String> parentColumns, OnDelete action,
            boolean declared) {
    }

    private boolean has(Family family) {
        return families.contains(family);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }
}

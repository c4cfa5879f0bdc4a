package dev.retentioncleanup.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Breaks a valid scenario with one shape the contract says {@code check} refuses: a self-reference on a
 * descendant, a cycle across tables, or a target key / {@code extra_children} parent column that is not unique
 * (the hidden {@code _rid}, deliberately, or a nullable unique column).
 */
final class DefectInjector {
    private final Scenario scenario;
    private final Random random;
    private final List<Table> tables;
    private final List<Link> links;
    private final List<Target> targets;

    private DefectInjector(Scenario scenario, Random random) {
        this.scenario = scenario;
        this.random = random;
        this.tables = new ArrayList<>(scenario.tables());
        this.links = new ArrayList<>(scenario.links());
        this.targets = new ArrayList<>(scenario.targets());
    }

    static Scenario inject(Scenario valid, Random random) {
        return new DefectInjector(valid, random).inject();
    }

    private Scenario inject() {
        Scenario.Defect defect = switch (random.nextInt(3)) {
            case 0 -> descendantSelfReference();
            case 1 -> cycle();
            default -> null;
        };
        if (defect == null) {
            defect = nonUniqueKey();
        }
        return new Scenario(scenario.seed(), scenario.families(), scenario.serverZone(), scenario.jvmZone(),
                scenario.flagZone(), List.copyOf(tables), List.copyOf(links), scenario.policy(), List.copyOf(targets),
                defect);
    }

    private Scenario.Defect descendantSelfReference() {
        for (Table table : graphDescendants()) {
            if (table.primaryKey().size() == 1 && table.partitioning() == null) {
                String key = table.primaryKey().get(0);
                Table changed = addColumn(table, new Column("sibling_id", table.column(key).type(), false));
                OnDelete action = List.of(OnDelete.CASCADE, OnDelete.RESTRICT, OnDelete.NO_ACTION).get(random.nextInt(3));
                addLink(changed.id(), "sibling_id", changed.id(), key, action, true);
                return new Scenario.Defect(Scenario.Defect.Kind.DESCENDANT_SELF_REFERENCE,
                        changed.display() + ".sibling_id -> " + key + " ON DELETE " + action.sql);
            }
        }
        return null;
    }

    /** A table of the graph gets a foreign key to one of its own children: parent -> child -> parent. */
    private Scenario.Defect cycle() {
        for (Target target : targets) {
            for (Link link : TargetGraph.of(links, target).links()) {
                Table child = tables.get(link.child());
                if (link.declared() && child.primaryKey().size() == 1) {
                    String key = child.primaryKey().get(0);
                    Table parent = addColumn(tables.get(link.parent()), new Column("loop_ref", child.column(key).type(), false));
                    addLink(parent.id(), "loop_ref", child.id(), key, OnDelete.NO_ACTION, true);
                    return new Scenario.Defect(Scenario.Defect.Kind.CYCLE,
                            parent.display() + ".loop_ref -> " + child.display() + "." + key + " -> " + parent.display());
                }
            }
        }
        return null;
    }

    private Scenario.Defect nonUniqueKey() {
        int index = random.nextInt(targets.size());
        Target target = targets.get(index);
        Table table = tables.get(target.table());
        int variant = random.nextInt(3);
        if (variant == 1 && table.uniques().contains(List.of("uid"))) {
            targets.set(index, withKey(target, "uid"));
            return new Scenario.Defect(Scenario.Defect.Kind.NON_UNIQUE_KEY, "targets[" + index + "].key: nullable uid");
        }
        if (variant == 2) {
            List<Column> columns = List.of(new Column("target_rid", "bigint", false), new Column("note", "text", false),
                    new Column(Table.RID, "bigint", false));
            Table orphans = new Table(tables.size(), table.schema(), "loose_" + tables.size(), Table.Role.DESCENDANT,
                    columns, List.of(), List.of(), null, List.of());
            tables.add(orphans);
            Link link = addLink(orphans.id(), "target_rid", table.id(), Table.RID, OnDelete.NO_ACTION, false);
            List<Integer> extras = new ArrayList<>(target.extraLinks());
            extras.add(link.id());
            targets.set(index, new Target(target.table(), target.key(), target.timestamp(), target.tsType(),
                    target.hops(), target.autoChildren(), extras, target.skipChildren()));
            return new Scenario.Defect(Scenario.Defect.Kind.NON_UNIQUE_KEY,
                    "targets[" + index + "].extra_children: parent column " + table.display() + "._rid is not unique");
        }
        targets.set(index, withKey(target, Table.RID));
        return new Scenario.Defect(Scenario.Defect.Kind.NON_UNIQUE_KEY, "targets[" + index + "].key: _rid (no unique index)");
    }

    private List<Table> graphDescendants() {
        List<Table> found = new ArrayList<>();
        for (Target target : targets) {
            for (int id : TargetGraph.of(links, target).tables()) {
                Table table = tables.get(id);
                if (table.role() == Table.Role.DESCENDANT && !found.contains(table)) {
                    found.add(table);
                }
            }
        }
        return found;
    }

    private Table addColumn(Table table, Column column) {
        List<Column> columns = new ArrayList<>(table.columns());
        columns.add(columns.size() - 1, column);
        Table changed = new Table(table.id(), table.schema(), table.name(), table.role(), List.copyOf(columns),
                table.primaryKey(), table.uniques(), table.partitioning(), table.inheritChildren());
        tables.set(table.id(), changed);
        return changed;
    }

    private Link addLink(int child, String childColumn, int parent, String parentColumn, OnDelete action, boolean declared) {
        Link link = new Link(links.size(), "fk_" + links.size(), child, List.of(childColumn), parent, List.of(parentColumn),
                action, "", declared);
        links.add(link);
        return link;
    }

    private static Target withKey(Target target, String key) {
        return new Target(target.table(), key, target.timestamp(), target.tsType(), target.hops(), target.autoChildren(),
                target.extraLinks(), target.skipChildren());
    }
}

package dev.retentioncleanup.differential;

import java.util.Map;
import java.util.TreeMap;

/** How often each shape was generated over a run of the suite: what the closing note quotes as coverage. */
final class ShapeCounts {
    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, Long> millis = new TreeMap<>();
    private long tries;

    synchronized void add(Trial.Result result) {
        tries++;
        result.millis().forEach((phase, ms) -> millis.merge(phase, ms, Long::sum));
        Scenario s = result.scenario();
        count("zone: server " + s.serverZone());
        count("zone: JVM differs from server: " + !s.jvmZone().equals(s.serverZone()));
        if (s.flagZone() != null) {
            count("zone: --time-zone given");
        }
        count("targets: " + s.targets().size() + " per scenario");
        if (s.defect() != null) {
            count("refused: " + s.defect().kind());
        }
        for (Target t : s.targets()) {
            count("target: timestamp type " + t.tsType());
            count("target: key type " + s.table(t.table()).column(t.key()).type());
            count("target: tenant hops " + t.hops().size());
            if (!t.autoChildren()) {
                count("target: children none");
            }
            if (!t.extraLinks().isEmpty()) {
                count("target: with extra_children");
            }
            if (!t.skipChildren().isEmpty()) {
                count("target: with skip_children");
            }
        }
        for (Table table : s.tables()) {
            String role = table.role().name().toLowerCase();
            count("table: " + role);
            if (table.partitioning() != null) {
                count("table: " + role + " partitioned by " + table.partitioning().strategy()
                        + (table.partitioning().depth() > 1 ? " (sub-partitioned)" : ""));
            }
            if (!table.inheritChildren().isEmpty()) {
                count("table: " + role + " with INHERITS children");
            }
            if (table.primaryKey().isEmpty() && table.uniques().isEmpty()) {
                count("table: without any key");
            }
            if (table.primaryKey().size() > 1) {
                count("key: composite " + table.primaryKey().stream().map(c -> table.column(c).type()).toList());
            } else if (table.primaryKey().size() == 1) {
                count("key: single " + table.column(table.primaryKey().get(0)).type());
            }
            if (!table.name().equals(table.name().toLowerCase()) || !table.schema().equals(table.schema().toLowerCase())) {
                count("name: mixed case (quoted)");
            }
        }
        for (Link link : s.links()) {
            Table parent = s.table(link.parent());
            if (parent.role() == Table.Role.POLICY || parent.role() == Table.Role.HOP) {
                continue;
            }
            String kind = link.declared() ? "ON DELETE " + link.onDelete().sql : "undeclared (extra_children)";
            count("link: " + (link.selfReference() ? "self-reference " : "") + kind);
            if (!link.deferrable().isEmpty()) {
                count("link: " + link.deferrable());
            }
            if (link.childColumns().size() > 1) {
                count("link: composite" + (parent.partitioning() != null ? " into a partitioned table" : ""));
            }
            if (!parent.primaryKey().equals(link.parentColumns())) {
                count("link: to a unique non-PK column");
            }
        }
        long multiParent = s.tables().stream().filter(t -> s.links().stream()
                .filter(l -> l.child() == t.id() && !l.selfReference()).map(Link::parent).distinct().count() > 1).count();
        countBy("graph: tables with two or more parents (diamond or shared)", multiParent);
        for (Table table : s.tables()) {
            long reachedBy = s.targets().stream().filter(t -> TargetGraph.of(s, t).tables().contains(table.id())).count();
            if (reachedBy > 1) {
                count("graph: table shared by " + reachedBy + " targets");
            }
        }
        result.data().retentionKinds().forEach(k -> count("retention: " + k));
        result.data().ageKinds().forEach(k -> count("age: " + k));
        result.tags().forEach(this::count);
        if (s.policy().defaultDays() != null) {
            count("policy: default_days");
        }
        if (s.policy().minDays() != null) {
            count("policy: min_days " + s.policy().minDays());
        }
    }

    synchronized String render() {
        StringBuilder text = new StringBuilder("differential coverage over " + tries + " tries:\n");
        counts.forEach((shape, n) -> text.append(String.format("  %6d  %s%n", n, shape)));
        text.append("mean milliseconds per try:\n");
        millis.forEach((phase, ms) -> text.append(String.format("  %6d  %s%n", ms / Math.max(1, tries), phase)));
        return text.toString();
    }

    private void count(String shape) {
        countBy(shape, 1);
    }

    private void countBy(String shape, long n) {
        if (n > 0) {
            counts.merge(shape, n, Long::sum);
        }
    }
}

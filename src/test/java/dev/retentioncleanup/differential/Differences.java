package dev.retentioncleanup.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Collects every disagreement of one try, worded so that a reader of the reproduction knows where to look. */
final class Differences {
    private final Scenario scenario;
    private final List<String> problems = new ArrayList<>();

    Differences(Scenario scenario) {
        this.scenario = scenario;
    }

    void add(String problem) {
        problems.add(problem);
    }

    /** False (and a problem recorded) unless the exit code is one of {@code allowed}. */
    boolean expectExit(String what, ToolRunner.Result result, int... allowed) {
        for (int code : allowed) {
            if (result.exitCode() == code) {
                return true;
            }
        }
        problems.add(what + ": expected exit " + java.util.Arrays.toString(allowed) + ", got:\n" + result.describe());
        return false;
    }

    /** Rows gone, table by table, against the oracle's set: no more, no fewer. */
    void rowsGone(String what, Map<Integer, Set<Long>> before, Map<Integer, Set<Long>> after,
            Map<Integer, Set<Long>> expected) {
        for (Table table : scenario.tables()) {
            Set<Long> gone = new TreeSet<>(before.get(table.id()));
            gone.removeAll(after.get(table.id()));
            Set<Long> want = new TreeSet<>(expected.getOrDefault(table.id(), Set.of()));
            Set<Long> extra = new TreeSet<>(gone);
            extra.removeAll(want);
            Set<Long> missing = new TreeSet<>(want);
            missing.removeAll(gone);
            if (!extra.isEmpty()) {
                problems.add(what + ": " + table.display() + " lost " + extra.size() + " row(s) the oracle keeps, _rid "
                        + extra);
            }
            if (!missing.isEmpty()) {
                problems.add(what + ": " + table.display() + " kept " + missing.size() + " row(s) the oracle deletes, _rid "
                        + missing);
            }
        }
    }

    /** Only what the oracle deletes may go: a stopped run leaves a subset. */
    void rowsGoneWithin(String what, Map<Integer, Set<Long>> before, Map<Integer, Set<Long>> after,
            Map<Integer, Set<Long>> allowed) {
        for (Table table : scenario.tables()) {
            Set<Long> extra = new TreeSet<>(before.get(table.id()));
            extra.removeAll(after.get(table.id()));
            extra.removeAll(allowed.getOrDefault(table.id(), Set.of()));
            if (!extra.isEmpty()) {
                problems.add(what + ": " + table.display() + " lost " + extra.size() + " row(s) the oracle keeps, _rid "
                        + extra);
            }
        }
    }

    void nothingGone(String what, Map<Integer, Set<Long>> before, Map<Integer, Set<Long>> after) {
        rowsGone(what, before, after, Map.of());
    }

    /** Counts keyed by table id on our side, {@code schema.table} on the report's. */
    void counts(String what, Map<String, Long> reported, Map<Integer, Long> expected) {
        Map<String, Long> want = new TreeMap<>();
        expected.forEach((id, n) -> want.put(scenario.table(id).display(), n));
        if (!Objects.equals(new TreeMap<>(reported), want)) {
            problems.add(what + ": reported " + new TreeMap<>(reported) + ", oracle " + want);
        }
    }

    void same(String what, Object reported, Object expected) {
        if (!Objects.equals(reported, expected)) {
            problems.add(what + ": reported " + reported + ", oracle " + expected);
        }
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    boolean any() {
        return !problems.isEmpty();
    }
}

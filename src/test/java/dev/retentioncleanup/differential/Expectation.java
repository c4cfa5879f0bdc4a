package dev.retentioncleanup.differential;

import java.util.Map;
import java.util.Set;

/**
 * What the oracle says a run with given cutoffs does.
 *
 * @param gone         {@code _rid}s that disappear, by table id: the tool's deletes plus the database's cascades
 *                     into skipped children
 * @param toolCounts   rows the tool itself deletes, by table id, for every table of every target's graph
 * @param held         held rows by target table id
 * @param targetRows   doomed target rows by tenant, then target table id
 */
record Expectation(Map<Integer, Set<Long>> gone, Map<Integer, Long> toolCounts, Map<Integer, Long> held,
        Map<String, Map<Integer, Long>> targetRows) {

    long targetTotal() {
        return targetRows.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }
}

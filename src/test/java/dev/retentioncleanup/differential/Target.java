package dev.retentioncleanup.differential;

import java.util.List;

/**
 * One {@code targets[]} entry.
 *
 * @param extraLinks   ids of undeclared links listed under this target's {@code extra_children}
 * @param skipChildren ids of tables listed under {@code skip_children}
 */
record Target(int table, String key, String timestamp, TsType tsType, List<Hop> hops, boolean autoChildren,
        List<Integer> extraLinks, List<Integer> skipChildren) {

    /** A tenant hop: {@code from.column -> to.toColumn}. */
    record Hop(int from, String column, int to, String toColumn) {
    }
}

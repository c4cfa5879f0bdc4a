package dev.retentioncleanup.differential;

import java.util.List;
import java.util.Set;

/**
 * Everything one try generates before data: schema, config and the time zones, reproducible from
 * {@code (seed, families)}.
 *
 * @param serverZone {@code ALTER DATABASE … SET TimeZone}
 * @param jvmZone    the JVM default time zone while the tool runs in-process
 * @param flagZone   {@code --time-zone} given to the tool, or null
 * @param defect     a shape check must refuse, or null for a valid scenario
 */
record Scenario(long seed, Set<Family> families, String serverZone, String jvmZone, String flagZone,
        List<Table> tables, List<Link> links, Policy policy, List<Target> targets, Defect defect) {

    /** The zone that gives timestamp and date columns their meaning (the contract's "run's time zone"). */
    String runZone() {
        return flagZone != null ? flagZone : serverZone;
    }

    Table table(int id) {
        return tables.get(id);
    }

    Link link(int id) {
        return links.get(id);
    }

    /** A shape the contract says {@code check} refuses (error) and {@code run} rejects (exit 2). */
    record Defect(Kind kind, String description) {
        enum Kind { DESCENDANT_SELF_REFERENCE, CYCLE, NON_UNIQUE_KEY }
    }
}

package dev.retentioncleanup.differential;

import java.util.List;

/**
 * Seeds that once found a bug, with the families they were found under: once the bug is fixed they stay here
 * and run on every build (DifferentialIT.regressions). Add a line per fixed failure: the seed and families from
 * the reproduction's README.txt, and what it found.
 */
final class Regressions {
    record Regression(long seed, String families, String found) {
        @Override
        public String toString() {
            return Long.toUnsignedString(seed) + " [" + families + "]: " + found;
        }
    }

    static final List<Regression> ALL = List.of(
            new Regression(Long.parseUnsignedLong("12517323214994700128"), "base,partitioned",
                    "ctid delete removed a kept row of a sub-partitioned descendant"),
            new Regression(Long.parseUnsignedLong("5767731885636385995"), "base,inherits",
                    "ctid delete removed rows of INHERITS children; dry run and run disagreed; archived and restored:"
                            + " restore put a table two targets share before the second target's table"),
            new Regression(Long.parseUnsignedLong("786391893468704763"), "base,selfref",
                    "a target self-reference was refused as a cycle"),
            new Regression(Long.parseUnsignedLong("11824231290756969075"), "base,date",
                    "rows dated on the cutoff's own day were deleted"),
            new Regression(Long.parseUnsignedLong("2824278126137619252"), "base,timestamp,jvmtz",
                    "timestamp columns were read in the JVM's zone"),
            new Regression(Long.parseUnsignedLong("9715161192610497659"), "base,jvmtz",
                    "cutoff days counted in the JVM's calendar (an hour off across DST)"),
            new Regression(Long.parseUnsignedLong("4043147899861146094"), "base,tzflag", "no --time-zone option"),
            new Regression(Long.parseUnsignedLong("4043147899861146094"), "base,retention",
                    "NaN, fractional and huge retention became some number of days"),
            new Regression(Long.parseUnsignedLong("11824231290756969075"), "base,refused",
                    "a nullable or non-unique key passed check and the run deleted rows"),
            new Regression(Long.parseUnsignedLong("377c0b69c366af2d", 16), "all",
                    "a self-referencing thread larger than --max-rows-per-transaction looped forever"),
            new Regression(Long.parseUnsignedLong("9125570428485452116"), "all",
                    "children: none dropped the target's RESTRICT self-reference: the run failed on it"),
            new Regression(Long.parseUnsignedLong("15007927168074841996"), "all",
                    "children: none dropped the target's CASCADE self-reference: kept replies were cascaded away"),
            new Regression(Long.parseUnsignedLong("9250796201277489431"), "all",
                    "a reply reaching a held row and a staying one was left out: the staying row's delete failed"),
            new Regression(Long.parseUnsignedLong("11680781651944972759"), "all",
                    "the dry run kept a partition whose only references came from a partition dropped before it"),
            new Regression(Long.parseUnsignedLong("9398003893131893463"), "all",
                    "archiving a uuid-keyed target failed: function min(uuid) does not exist (the outbox's key_min)"),
            new Regression(Long.parseUnsignedLong("3622748380379877116"), "all",
                    "restore went batch by batch: a reply deleted in an earlier batch than its parent did not restore"),
            new Regression(Long.parseUnsignedLong("13532417011819636727"), "all",
                    "children: none did not see a declared self-reference on an extra child (refused on a descendant)"));

    private Regressions() {
    }
}

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
    );

    private Regressions() {
    }
}

package dev.retentioncleanup.differential;

import java.util.ArrayList;
import java.util.List;

/**
 * Which seeds a run tries: {@code fuzz.seed} alone when given, else {@code fuzz.seeds} (default {@value #CI_SEEDS})
 * seeds derived from {@code fuzz.base}. CI uses the fixed default base, so its seeds are the same on every run;
 * {@code scripts/fuzz.sh} passes a new base to explore.
 */
final class Seeds {
    /** About 1 s a try on the 2-core machine: a little over a minute for the CI share. */
    static final int CI_SEEDS = 80;
    static final long CI_BASE = 20_260_601L;

    private Seeds() {
    }

    static List<Long> fromSystemProperties() {
        String one = System.getProperty("fuzz.seed");
        if (one != null && !one.isBlank()) {
            return List.of(Long.parseUnsignedLong(one.strip()));
        }
        int count = Integer.getInteger("fuzz.seeds", CI_SEEDS);
        long base = Long.getLong("fuzz.base", CI_BASE);
        List<Long> seeds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seeds.add(mix(base + i));
        }
        return seeds;
    }

    /** SplitMix64's finaliser: neighbouring indexes give unrelated seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

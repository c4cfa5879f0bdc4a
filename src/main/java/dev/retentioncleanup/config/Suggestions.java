package dev.retentioncleanup.config;

import java.util.Collection;
import java.util.Comparator;

/** "did you mean 'batch_size'?" for near-miss keys: cheaper for the user than a list of twenty names. */
final class Suggestions {
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {
    }

    /** " (did you mean 'x'?)" for the closest candidate within a small edit distance, else "". */
    static String didYouMean(String name, Collection<String> candidates) {
        return candidates.stream()
                .filter(c -> distance(name, c) <= MAX_DISTANCE)
                .min(Comparator.comparingInt((String c) -> distance(name, c)).thenComparing(c -> c))
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

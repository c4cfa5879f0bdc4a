package dev.retentioncleanup.config;

/** Splits {@code left -> right} at the one arrow outside quotes; anything else is malformed. */
final class Arrows {
    private Arrows() {
    }

    static String[] split(String text, String form) {
        String safe = text == null ? "" : text;
        int arrow = Identifiers.arrow(safe);
        String left = arrow < 0 ? "" : safe.substring(0, arrow).strip();
        String right = arrow < 0 ? "" : safe.substring(arrow + 2).strip();
        if (left.isEmpty() || right.isEmpty() || Identifiers.arrow(right) >= 0) {
            throw new IllegalArgumentException(Units.quote(text) + " is not " + form);
        }
        return new String[] {left, right};
    }
}

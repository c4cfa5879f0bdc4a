package dev.retentioncleanup.config;

/** {@code --shard I/N}: this process handles the tenants whose hash modulo {@code count} is {@code index}. */
public record Shard(int index, int count) {
    private static final String FORM = "(form I/N with 0 <= I < N, e.g. 0/4 for the first of four)";

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("'" + index + "/" + count + "' is not a shard " + FORM);
        }
    }

    public static Shard parse(String text) {
        String[] parts = text.strip().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (IllegalArgumentException e) {
            // not numbers, or out of range: the message below quotes the text as given
        }
        throw new IllegalArgumentException("'" + text + "' is not a shard " + FORM);
    }

    /** {@code 0-of-4}: the shard as a Pushgateway label value and in heartbeat URLs ({@code {shard}}). */
    public String label() {
        return index + "-of-" + count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

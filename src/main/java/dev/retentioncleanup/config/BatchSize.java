package dev.retentioncleanup.config;

/** Rows per batch: {@code auto} adapts toward --target-batch-time, or a fixed positive count. */
public sealed interface BatchSize {
    Auto AUTO = new Auto();

    static BatchSize parse(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        try {
            int rows = Integer.parseInt(value);
            if (rows > 0) {
                return new Fixed(rows);
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a positive integer or 'auto'");
    }

    /** Grows and shrinks between --min-batch-size and --max-batch-size. */
    record Auto() implements BatchSize {
        @Override
        public String toString() {
            return "auto";
        }
    }

    record Fixed(int rows) implements BatchSize {
        public Fixed {
            if (rows < 1) {
                throw new IllegalArgumentException("batch size must be positive: " + rows);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(rows);
        }
    }
}

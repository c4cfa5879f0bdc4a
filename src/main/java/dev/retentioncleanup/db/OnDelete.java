package dev.retentioncleanup.db;

/** A foreign key's {@code ON DELETE} action ({@code pg_constraint.confdeltype}). */
public enum OnDelete {
    NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT;

    static OnDelete fromCode(String confdeltype) {
        return switch (confdeltype) {
            case "a" -> NO_ACTION;
            case "r" -> RESTRICT;
            case "c" -> CASCADE;
            case "n" -> SET_NULL;
            case "d" -> SET_DEFAULT;
            default -> throw new IllegalArgumentException("unknown confdeltype '" + confdeltype + "'");
        };
    }
}

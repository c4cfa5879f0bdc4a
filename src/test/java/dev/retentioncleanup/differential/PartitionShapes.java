package dev.retentioncleanup.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The partition layouts the generator uses. Each has a DEFAULT partition or covers every value, so no generated
 * row is refused, and partition keys are part of the table's key, as PostgreSQL requires.
 */
final class PartitionShapes {
    private PartitionShapes() {
    }

    /** Range on a target's age column, bounds relative to today; perhaps hash sub-partitions on its key. */
    static Partitioning byTime(Random random, String ts, TsType type, String key) {
        String cast = type == TsType.TIMESTAMPTZ ? "" : "::" + type.sql;
        String old = "(date_trunc('day', now()) - interval '" + (10 + random.nextInt(30)) + " days')" + cast;
        Partitioning sub = random.nextBoolean() ? hash(key, 2) : null;
        return new Partitioning("RANGE", List.of(ts), List.of(
                new Partitioning.Partition("old", "FOR VALUES FROM (MINVALUE) TO (" + old + ")", sub),
                new Partitioning.Partition("rest", "DEFAULT", null)));
    }

    /** Range on an integer {@code id}: the bounds split the ids {@link DataGenerator} gives table {@code tableId}. */
    static Partitioning rangeOnId(Random random, int tableId) {
        long base = 1000L * tableId;
        Partitioning sub = random.nextBoolean() ? hash("id", 2) : null;
        return new Partitioning("RANGE", List.of("id"), List.of(
                new Partitioning.Partition("low", "FOR VALUES FROM (MINVALUE) TO (" + (base + 6) + ")", null),
                new Partitioning.Partition("mid", "FOR VALUES FROM (" + (base + 6) + ") TO (" + (base + 12) + ")", sub),
                new Partitioning.Partition("high", "DEFAULT", null)));
    }

    /** List on {@code bucket} (0–3); with a key {@code (id, bucket)}, perhaps hash sub-partitions on {@code id}. */
    static Partitioning byBucket(Random random, boolean keyed) {
        return new Partitioning("LIST", List.of("bucket"), List.of(
                new Partitioning.Partition("b01", "FOR VALUES IN (0, 1)", keyed && random.nextBoolean() ? hash("id", 2) : null),
                new Partitioning.Partition("b2", "FOR VALUES IN (2)", null),
                new Partitioning.Partition("other", "DEFAULT", null)));
    }

    static Partitioning hash(String column, int modulus) {
        List<Partitioning.Partition> parts = new ArrayList<>();
        for (int i = 0; i < modulus; i++) {
            parts.add(new Partitioning.Partition("h" + i, "FOR VALUES WITH (MODULUS " + modulus + ", REMAINDER " + i + ")",
                    null));
        }
        return new Partitioning("HASH", List.of(column), parts);
    }
}

package dev.retentioncleanup.differential;

/** A column: its exact (case-kept) name, SQL type and nullability. */
record Column(String name, String type, boolean notNull) {
}

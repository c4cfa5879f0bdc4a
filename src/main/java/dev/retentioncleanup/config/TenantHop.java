package dev.retentioncleanup.config;

import java.util.Objects;

/**
 * One step of a target's path to its tenant: {@code domain_id -> domains.id}. {@code column} belongs to the
 * previous table on the path (the target itself for the first hop).
 */
public record TenantHop(String column, ColumnRef references) {
    static final String FORM = "'column -> table.column'";

    public TenantHop {
        TableRef.requireName(column, "column");
        Objects.requireNonNull(references, "references");
    }

    public static TenantHop parse(String text) {
        String[] sides = Arrows.split(text, FORM);
        try {
            return new TenantHop(Identifiers.single(sides[0]), ColumnRef.parse(sides[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Units.quote(text) + " is not " + FORM + ": " + e.getMessage());
        }
    }

    public String display() {
        return Identifiers.display(column) + " -> " + references.display();
    }
}

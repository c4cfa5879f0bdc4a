package dev.retentioncleanup.config;

import java.util.Objects;

/** A child → parent relation the database does not declare: {@code email_opens.outgoing_email_id -> outgoing_emails.id}. */
public record Edge(ColumnRef child, ColumnRef parent) {
    static final String FORM = "'child_table.column -> parent_table.column'";

    public Edge {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(parent, "parent");
    }

    public static Edge parse(String text) {
        String[] sides = Arrows.split(text, FORM);
        try {
            return new Edge(ColumnRef.parse(sides[0]), ColumnRef.parse(sides[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Units.quote(text) + " is not " + FORM + ": " + e.getMessage());
        }
    }

    public String display() {
        return child.display() + " -> " + parent.display();
    }
}

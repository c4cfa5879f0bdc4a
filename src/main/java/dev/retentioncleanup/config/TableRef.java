package dev.retentioncleanup.config;

import java.util.List;

/**
 * A table as named in the config. {@code schema} is null when the name was unqualified: the connection's
 * search_path decides, and only the catalog reader can say which schema that is.
 */
public record TableRef(String schema, String table) {
    static final String FORMS = "'table' or 'schema.table' (quote mixed case: support.\"TicketNotes\")";

    public TableRef {
        requireName(table, "table");
        if (schema != null) {
            requireName(schema, "schema");
        }
    }

    /** {@code support."TicketNotes"} → schema support, table TicketNotes; {@code outgoing_emails} → schema null. */
    public static TableRef parse(String text) {
        List<String> parts = Identifiers.parts(text, FORMS, 1, 2);
        return parts.size() == 1 ? new TableRef(null, parts.get(0)) : new TableRef(parts.get(0), parts.get(1));
    }

    /** The name as a user would write it, e.g. {@code support."TicketNotes"}; parses back to an equal TableRef. */
    public String display() {
        return schema == null ? Identifiers.display(table) : Identifiers.display(schema) + "." + Identifiers.display(table);
    }

    /**
     * Whether both names could be the same table without asking the database: the names are equal and either the
     * schemas are equal or one side follows search_path. The catalog check settles the remaining doubt.
     */
    public boolean mayBeSameAs(TableRef other) {
        return table.equals(other.table) && (schema == null || other.schema == null || schema.equals(other.schema));
    }

    static void requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " name must not be empty");
        }
    }
}

package dev.retentioncleanup.config;

import java.util.List;
import java.util.Objects;

/** A column of a table: {@code email_opens.outgoing_email_id}, {@code support.tickets.id}; the last part is the column. */
public record ColumnRef(TableRef table, String column) {
    static final String FORMS = "'table.column' or 'schema.table.column'";

    public ColumnRef {
        Objects.requireNonNull(table, "table");
        TableRef.requireName(column, "column");
    }

    public static ColumnRef parse(String text) {
        List<String> parts = Identifiers.parts(text, FORMS, 2, 3);
        return parts.size() == 2
                ? new ColumnRef(new TableRef(null, parts.get(0)), parts.get(1))
                : new ColumnRef(new TableRef(parts.get(0), parts.get(1)), parts.get(2));
    }

    public String display() {
        return table.display() + "." + Identifiers.display(column);
    }
}

package dev.retentioncleanup.db;

import java.util.Comparator;
import java.util.Objects;
import org.jooq.Name;
import org.jooq.impl.DSL;

/** A table's exact (case-preserved, unquoted) schema and name. */
public record TableName(String schema, String name) implements Comparable<TableName> {
    private static final Comparator<TableName> ORDER = Comparator.comparing(TableName::schema).thenComparing(TableName::name);

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** {@code schema.name} unquoted: the key used in reports and metrics. */
    public String display() {
        return schema + "." + name;
    }

    /** {@code "schema"."name"}, always quoted: safe to show in diagnostics and SQL snippets. */
    public String sql() {
        return quote(schema) + "." + quote(name);
    }

    /** The qualified name for a statement built with jOOQ, which quotes both parts when it renders. */
    public Name qualifiedName() {
        return DSL.name(schema, name);
    }

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public int compareTo(TableName other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return display();
    }
}

package dev.retentioncleanup.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * SQL rendered once by jOOQ, with every identifier quoted and every value a {@code ?} placeholder,
 * plus the names of those placeholders in order. Values are bound by name at execution, so nothing
 * from the config file or the data is ever spliced into the text.
 */
public record BoundSql(String sql, List<String> parameters) {
    public BoundSql {
        parameters = List.copyOf(parameters);
    }

    /**
     * A value in PostgreSQL's text form, typed by the server from its context: keys and timestamps
     * travel as the text the server printed, so every column type round-trips exactly.
     */
    public record Untyped(String text) {
    }

    /**
     * Renders once with {@code ?} placeholders and once with named ones; the named rendering gives the name of
     * every placeholder in order, so a parameter may appear several times (the batch keys in each link).
     */
    static BoundSql render(DSLContext ctx, Query query) {
        String sql = ctx.render(query);
        List<String> names = namesInOrder(ctx.renderNamedParams(query));
        long placeholders = placeholdersOutsideQuotes(sql);
        if (placeholders != names.size()) {
            throw new IllegalStateException("rendered " + placeholders + " placeholders for " + names + ": " + sql);
        }
        return new BoundSql(sql, names);
    }

    /** {@code :name} placeholders outside quotes, in order ({@code ::type} casts are not placeholders). */
    static List<String> namesInOrder(String namedSql) {
        List<String> names = new ArrayList<>();
        outsideQuotes(namedSql, i -> {
            if (namedSql.charAt(i) != ':' || i + 1 >= namedSql.length()) {
                return i;
            }
            if (namedSql.charAt(i + 1) == ':') {
                return i + 1;
            }
            int end = i + 1;
            while (end < namedSql.length() && Character.isJavaIdentifierPart(namedSql.charAt(end))) {
                end++;
            }
            if (end > i + 1 && Character.isJavaIdentifierStart(namedSql.charAt(i + 1))) {
                names.add(namedSql.substring(i + 1, end));
                return end - 1;
            }
            return i;
        });
        return names;
    }

    /**
     * {@code count(*)} of the union of row sets that each select one column (ctids of one table): a row that
     * several parts select counts once. Parts keep their own placeholders; names may repeat across parts.
     */
    static BoundSql countUnion(List<BoundSql> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no row sets to count");
        }
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM (");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "(" : " UNION (").append(parts.get(i).sql()).append(')');
            names.addAll(parts.get(i).parameters());
        }
        return new BoundSql(sql.append(") AS u").toString(), names);
    }

    /** Counts {@code ?} outside quoted identifiers and literals: a table may well be called "why?". */
    static long placeholdersOutsideQuotes(String sql) {
        long[] count = {0};
        outsideQuotes(sql, i -> {
            if (sql.charAt(i) == '?') {
                count[0]++;
            }
            return i;
        });
        return count[0];
    }

    /**
     * Hands {@code visit} the index of every character outside quoted identifiers and string literals; it returns
     * the index of the last character it consumed. A doubled quote closes and reopens, so it needs no case of its own.
     */
    private static void outsideQuotes(String sql, IntUnaryOperator visit) {
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else {
                i = visit.applyAsInt(i);
            }
        }
    }

    public PreparedStatement prepare(Connection connection, Map<String, Object> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                String name = parameters.get(i);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("no value for parameter " + name + " of " + sql);
                }
                Object value = values.get(name);
                if (value instanceof Untyped untyped) {
                    statement.setObject(i + 1, untyped.text(), Types.OTHER);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}

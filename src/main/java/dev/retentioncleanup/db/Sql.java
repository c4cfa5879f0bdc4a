package dev.retentioncleanup.db;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.AbstractBinding;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGConnection;

/**
 * The one way SQL is built and run: a statement is built with jOOQ (PostgreSQL dialect, every identifier quoted,
 * every value a bind value), rendered once, and executed here through JDBC, its values bound in the order jOOQ
 * reports them, all with {@code setObject} ({@link Untyped} text as {@code Types.OTHER}). A value is given where the
 * statement is built ({@code DSL.val}) or, for a statement run many times, by name at each execution
 * ({@link #param}). Failures are the driver's {@link SQLException}s. Why JDBC runs what jOOQ builds:
 * docs/architecture.md, "SQL".
 */
public final class Sql {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    /** Renders; never executes. */
    public static final DSLContext POSTGRES = DSL.using(SQLDialect.POSTGRES,
            new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS).withRenderSchema(true));

    /** A bind value rendered as {@code ?} however the statement is rendered, even with values inline. */
    public static final DataType<Object> VALUE = SQLDataType.OTHER.asConvertedDataType(new ValueBinding());

    private final String text;
    private final List<Object> binds;
    private final boolean plain;

    private Sql(String text, List<Object> binds, boolean plain) {
        this.text = text;
        this.binds = binds;
        this.plain = plain;
    }

    /**
     * A value in PostgreSQL's text form, typed by the server from its context: keys and timestamps travel as the
     * text the server printed, so every column type round-trips exactly.
     */
    public record Untyped(String text) {
    }

    /** Where a named parameter's value goes: jOOQ reports it among the bind values, in place. */
    private record Parameter(String name) {
    }

    /** A value given by name at each execution. */
    public static Field<Object> param(String name) {
        return DSL.val(new Parameter(name), VALUE);
    }

    public static Sql of(Query query) {
        return new Sql(POSTGRES.render(query), POSTGRES.extractBindValues(query), false);
    }

    /**
     * A statement that embeds the user's own SQL ({@code DSL.raw}, which jOOQ copies as written), sent as a plain
     * statement, as {@code psql} would: a {@code ?} in it (jsonb's operator) stays an operator, not a placeholder.
     */
    public static Sql plain(Query query) {
        if (!POSTGRES.extractBindValues(query).isEmpty()) {
            throw new IllegalArgumentException("a plain statement binds no values");
        }
        return new Sql(POSTGRES.render(query), List.of(), true);
    }

    public String text() {
        return text;
    }

    /** The names of the parameters in bind order (a parameter used twice is bound twice). */
    public List<String> parameters() {
        return binds.stream().filter(Parameter.class::isInstance).map(b -> ((Parameter) b).name()).toList();
    }

    /** @return the rows it changed */
    public long execute(Connection connection, Map<String, ?> values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, values)) {
            return statement.executeLargeUpdate();
        }
    }

    /** Hands over each row; with a {@code fetchSize} (in a transaction) the driver holds no more rows than that. */
    public void forEach(Connection connection, Map<String, ?> values, int fetchSize, Row handler) throws SQLException {
        query(connection, values, fetchSize, rows -> {
            while (rows.next()) {
                handler.accept(rows);
            }
            return null;
        });
    }

    public void forEach(Connection connection, Map<String, ?> values, Row handler) throws SQLException {
        forEach(connection, values, 0, handler);
    }

    public void forEach(Connection connection, Row handler) throws SQLException {
        forEach(connection, Map.of(), 0, handler);
    }

    /** What {@code reader} makes of the first row; null when there is none. */
    public <T> T first(Connection connection, Map<String, ?> values, Reader<T> reader) throws SQLException {
        return query(connection, values, 0, rows -> rows.next() ? reader.read(rows) : null);
    }

    private <T> T query(Connection connection, Map<String, ?> values, int fetchSize, Reader<T> reader)
            throws SQLException {
        try (Statement statement = plain ? connection.createStatement() : prepare(connection, values)) {
            statement.setFetchSize(fetchSize);
            try (ResultSet rows = plain ? statement.executeQuery(text) : ((PreparedStatement) statement).executeQuery()) {
                return reader.read(rows);
            }
        }
    }

    public static long execute(Connection connection, Query query) throws SQLException {
        return of(query).execute(connection, Map.of());
    }

    public static void forEach(Connection connection, Query query, Row handler) throws SQLException {
        of(query).forEach(connection, Map.of(), handler);
    }

    public static <T> T first(Connection connection, Query query, Reader<T> reader) throws SQLException {
        return of(query).first(connection, Map.of(), reader);
    }

    /**
     * {@code COPY (query) TO STDOUT} as CSV, with a header line when {@code header}, streamed into {@code out}. COPY
     * takes no parameters, so the query's values must be literals ({@code DSL.inline}); a write that fails cancels
     * the COPY, which aborts the transaction.
     *
     * @return the rows copied
     */
    public static long copyOut(Connection connection, Query query, boolean header, OutputStream out)
            throws SQLException, IOException {
        if (!POSTGRES.extractBindValues(query).isEmpty()) {
            throw new IllegalArgumentException("COPY takes no parameters: " + POSTGRES.render(query));
        }
        String copy = "copy (" + POSTGRES.render(query) + ") to stdout with (format csv, header " + header + ")";
        return connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out);
    }

    /** {@code SELECT expression}, read as the expression's Java type (a String is the server's text form). */
    public static <T> T value(Connection connection, Field<T> expression) throws SQLException {
        Class<T> type = expression.getType();
        return first(connection, DSL.select(expression),
                row -> type == String.class ? type.cast(row.getString(1)) : row.getObject(1, type));
    }

    /** One row, as the result set positioned on it. */
    @FunctionalInterface
    public interface Row {
        void accept(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Each placeholder's value, in order: given where the statement was built, or by name now. */
    Object[] values(Map<String, ?> values) {
        Object[] bound = binds.toArray();
        for (int i = 0; i < bound.length; i++) {
            if (bound[i] instanceof Parameter parameter) {
                if (!values.containsKey(parameter.name())) {
                    throw new IllegalArgumentException("no value for parameter " + parameter.name() + " of " + text);
                }
                bound[i] = values.get(parameter.name());
            }
        }
        return bound;
    }

    private PreparedStatement prepare(Connection connection, Map<String, ?> values) throws SQLException {
        Object[] bound = values(values);
        PreparedStatement statement = connection.prepareStatement(text);
        try {
            for (int i = 0; i < bound.length; i++) {
                Object value = bound[i];
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

    /** {@link #VALUE}: jOOQ only renders it; the values are bound above. */
    private static final class ValueBinding extends AbstractBinding<Object, Object> {
        private static final long serialVersionUID = 1L;
        private static final Converter<Object, Object> IDENTITY =
                Converter.ofNullable(Object.class, Object.class, value -> value, value -> value);

        @Override
        public Converter<Object, Object> converter() {
            return IDENTITY;
        }

        @Override
        public void sql(BindingSQLContext<Object> ctx) {
            ctx.render().sql("?");
        }

        @Override
        public void set(BindingSetStatementContext<Object> ctx) {
            throw new UnsupportedOperationException("bound by Sql");
        }

        @Override
        public void get(BindingGetResultSetContext<Object> ctx) {
            throw new UnsupportedOperationException("read by Sql");
        }
    }
}

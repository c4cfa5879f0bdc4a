package dev.retentioncleanup.plan;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.impl.DSL;

/**
 * The zone that gives {@code timestamp} and {@code date} columns their meaning: {@code --time-zone}, else the
 * {@code TimeZone} a plain session of this role in this database gets. Never the JVM's: pgjdbc sends the JVM's zone
 * in every startup packet, which hides the server's value from {@code SHOW}, so it is looked up where it is set —
 * {@code ALTER ROLE … IN DATABASE}, {@code ALTER ROLE}, {@code ALTER DATABASE}, then the server's configuration
 * ({@code pg_file_settings}, readable by superusers), and last {@code log_timezone}, which initdb writes with the
 * same value and no client overrides.
 *
 * @param source where the zone came from, for the log and {@code check}
 */
public record RunTimeZone(String name, String source) {
    private static final String ROLE_AND_DATABASE = """
            SELECT split_part(cfg, '=', 2), CASE WHEN s.setdatabase <> 0 AND s.setrole <> 0 THEN 1
                                                   WHEN s.setrole <> 0 THEN 2 ELSE 3 END AS rank
            FROM pg_db_role_setting s, unnest(s.setconfig) AS cfg
            WHERE s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
              AND s.setrole IN (0, (SELECT oid FROM pg_roles WHERE rolname = session_user))
              AND lower(split_part(cfg, '=', 1)) = 'timezone'
            ORDER BY rank LIMIT 1
            """;
    private static final String CONFIG_FILE =
            "SELECT setting FROM pg_file_settings WHERE lower(name) = 'timezone' AND applied AND error IS NULL"
                    + " ORDER BY seqno DESC LIMIT 1";

    public static RunTimeZone resolve(Connection connection, String override) throws SQLException {
        if (override != null) {
            return new RunTimeZone(validated(connection, override), "--time-zone");
        }
        String zone = first(connection, ROLE_AND_DATABASE);
        if (zone != null) {
            return new RunTimeZone(zone, "database or role setting");
        }
        zone = readableFileSetting(connection);
        if (zone != null) {
            return new RunTimeZone(zone, "server configuration");
        }
        return new RunTimeZone(Sql.value(connection, field("current_setting('log_timezone')", String.class)),
                "log_timezone (the server configuration is readable by superusers only)");
    }

    /** Asks the server, whose zone names (and POSIX forms) are the ones that count. */
    private static String validated(Connection connection, String zone) throws SQLException {
        try {
            Sql.value(connection, field("now() at time zone {0}", String.class, val(zone)));
            return zone;
        } catch (SQLException e) {
            if ("22023".equals(e.getSQLState())) {
                throw new ConfigException("--time-zone: the server does not know the time zone '" + zone + "'");
            }
            throw e;
        }
    }

    private static String readableFileSetting(Connection connection) throws SQLException {
        boolean readable = Sql.value(connection, field("has_table_privilege('pg_catalog.pg_file_settings', 'SELECT')"
                + " AND has_function_privilege('pg_catalog.pg_show_all_file_settings()', 'EXECUTE')", Boolean.class));
        return readable ? first(connection, CONFIG_FILE) : null;
    }

    /** The first column of the first row, or null when there is none. */
    private static String first(Connection connection, String sql) throws SQLException {
        return Sql.first(connection, DSL.resultQuery(sql), row -> row.getString(1));
    }
}

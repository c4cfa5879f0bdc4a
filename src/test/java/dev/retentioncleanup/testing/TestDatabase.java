package dev.retentioncleanup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A fresh, empty database on the test server, owned by the admin user. Obtain it through
 * {@link FreshDatabaseExtension}; SQL failures surface as {@link IllegalStateException} naming the SQL.
 */
public final class TestDatabase {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Our own name, so tests counting {@code application_name = 'retention-cleanup'} sessions see only the tool's. */
    private static final String HARNESS_APPLICATION_NAME = "retention-cleanup-tests";

    private final String adminJdbcUrl;
    private final String host;
    private final int port;
    private final String databaseName;
    private final String user;
    private final String password;
    private final String extraParameters;

    private TestDatabase(String adminJdbcUrl, String databaseName) {
        Properties admin = AdminServer.parse(adminJdbcUrl);
        this.adminJdbcUrl = adminJdbcUrl;
        this.host = admin.getProperty("PGHOST").split(",")[0];
        this.port = Integer.parseInt(admin.getProperty("PGPORT", "5432").split(",")[0]);
        this.databaseName = databaseName;
        this.user = admin.getProperty("user", "");
        this.password = admin.getProperty("password", "");
        StringBuilder extra = new StringBuilder();
        admin.stringPropertyNames().stream().sorted()
                .filter(k -> !List.of("PGHOST", "PGPORT", "PGDBNAME", "user", "password").contains(k))
                .filter(k -> !k.equalsIgnoreCase("applicationName"))
                .forEach(k -> extra.append('&').append(enc(k)).append('=').append(enc(admin.getProperty(k))));
        this.extraParameters = extra.toString();
    }

    /**
     * Creates {@code rc_<hint>_<random>} from template0 (nobody is ever connected to it, unlike template1). Public
     * for suites on another engine than Jupiter (jqwik's DifferentialIT), which cannot use the extension.
     */
    public static TestDatabase create(String nameHint) {
        String hint = nameHint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        hint = hint.substring(0, Math.min(hint.length(), 40));
        String name = "rc_" + hint + "_" + Long.toHexString(RANDOM.nextLong() & 0xffffffffffL);
        String adminUrl = AdminServer.jdbcUrl();
        adminExecute(adminUrl, "CREATE DATABASE " + quote(name) + " TEMPLATE template0");
        return new TestDatabase(adminUrl, name);
    }

    /** Drops the database even if a test left sessions open. */
    public void drop() {
        try (Connection c = DriverManager.getConnection(adminJdbcUrl); Statement st = c.createStatement()) {
            if (c.getMetaData().getDatabaseMajorVersion() >= 13) {
                st.execute("DROP DATABASE IF EXISTS " + quote(databaseName) + " WITH (FORCE)");
            } else {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + databaseName.replace("'", "''") + "'");
                st.execute("DROP DATABASE IF EXISTS " + quote(databaseName));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + databaseName + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrlAs(user, password);
    }

    /** The fresh database's URL for another role (e.g. one a test created with limited privileges). */
    public String jdbcUrlAs(String otherUser, String otherPassword) {
        return "jdbc:postgresql://" + hostPort() + "/" + enc(databaseName) + "?user=" + enc(otherUser)
                + (otherPassword == null || otherPassword.isEmpty() ? "" : "&password=" + enc(otherPassword))
                + "&ApplicationName=" + HARNESS_APPLICATION_NAME + extraParameters;
    }

    public String adminJdbcUrl() {
        return adminJdbcUrl;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String databaseName() {
        return databaseName;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** {@code postgres://user:pass@host:port/db}, percent-encoded, for CLI tests. */
    public String libpqUri() {
        return "postgres://" + enc(user) + (password.isEmpty() ? "" : ":" + enc(password)) + "@" + hostPort()
                + "/" + enc(databaseName);
    }

    /** A new connection to the fresh database, autocommit on; the caller closes it. */
    public Connection connect() {
        try {
            return DriverManager.getConnection(jdbcUrl());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to test database " + databaseName + ": " + e.getMessage(), e);
        }
    }

    /** One or more statements, each run on its own in autocommit (as psql does). */
    public void execute(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String statement : SqlScript.split(sql)) {
                try {
                    st.execute(statement);
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage() + "\n  in: " + statement, e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A .sql file of plain statements ($$ bodies fine; no psql meta-commands). */
    public void runScript(Path file) {
        try {
            execute(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first column of the single row as a long; fails on no row or NULL. */
    public long queryLong(String sql) {
        List<List<Object>> rows = queryRows(sql);
        if (rows.size() != 1 || rows.get(0).get(0) == null) {
            throw new IllegalStateException("expected one non-null value, got " + rows + " from: " + sql);
        }
        return ((Number) rows.get(0).get(0)).longValue();
    }

    /** All rows, values as {@link ResultSet#getObject} returns them (NULL as null). */
    public List<List<Object>> queryRows(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\n  in: " + sql, e);
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + hostPort() + "/" + databaseName + " as " + user + "]";
    }

    private String hostPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static void adminExecute(String adminUrl, String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\n  in: " + sql, e);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

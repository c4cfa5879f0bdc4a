package dev.retentioncleanup.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** Opens the small connection pool the job runs on. */
public final class DataSources {
    private DataSources() {
    }

    /**
     * @param maxPoolSize sized to the work, not to throughput: the job's connection, the guard/lock
     *                    connection and one spare for a reconnect (3 is plenty)
     * @throws DatabaseUnavailableException when the server cannot be reached or refuses the login
     */
    public static HikariDataSource open(ConnectionSettings settings, int maxPoolSize) {
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, got " + maxPoolSize);
        }
        probe(settings);
        HikariConfig config = new HikariConfig();
        config.setPoolName("retention-cleanup");
        config.setJdbcUrl(settings.url());
        config.setDriverClassName(Driver.class.getName());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(settings.connectTimeout().plusSeconds(5).toMillis());
        // Still fail fast (rather than start an empty pool) if the server went away since the probe.
        config.setInitializationFailTimeout(1);
        config.setConnectionInitSql(sessionSql(settings));
        driverProperties(settings).forEach((k, v) -> config.addDataSourceProperty((String) k, v));
        config.setRegisterMbeans(false);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw ConnectFailures.describe(settings, e.getCause() != null ? e.getCause() : e);
        }
    }

    /**
     * One direct login before the pool exists: its failure becomes our one-line message, whereas Hikari
     * would log a stack trace at ERROR and sleep a second before giving up.
     */
    private static void probe(ConnectionSettings settings) {
        Properties props = driverProperties(settings);
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        try {
            Connection probe = new Driver().connect(settings.url(), props);
            probe.close();
        } catch (SQLException e) {
            throw ConnectFailures.describe(settings, e);
        }
    }

    /**
     * Session limits as SQL run by Hikari on every new physical connection (so also after a reconnect),
     * visible in {@code SHOW}. Not the startup {@code options} packet: an {@code options} parameter in the
     * user's URL would silently replace it, and PgBouncer rejects or ignores startup options.
     * Values are our own integers (milliseconds), never user text.
     */
    static String sessionSql(ConnectionSettings s) {
        return "SET statement_timeout = " + s.statementTimeout().toMillis()
                + "; SET lock_timeout = " + s.lockTimeout().toMillis()
                + "; SET idle_in_transaction_session_timeout = " + s.idleInTransactionTimeout().toMillis();
    }

    static Properties driverProperties(ConnectionSettings s) {
        Properties p = new Properties();
        String connectSeconds = Long.toString(Math.max(1, ceilSeconds(s.connectTimeout())));
        p.setProperty("connectTimeout", connectSeconds); // TCP connect
        p.setProperty("loginTimeout", connectSeconds);   // TCP + TLS + authentication
        p.setProperty("tcpKeepAlive", "true");
        if (!s.statementTimeout().isZero()) {
            // A half-open TCP connection would otherwise hang a batch forever; the server has given up
            // on the statement long before this fires.
            p.setProperty("socketTimeout", Long.toString(ceilSeconds(s.statementTimeout().plusSeconds(30))));
        }
        return p;
    }

    private static long ceilSeconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }
}

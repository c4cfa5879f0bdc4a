package dev.retentioncleanup.db;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything needed to open sessions. {@code user}/{@code password} may be null (pgjdbc then uses the OS
 * user / no password). Timeouts of zero disable the server-side limit (PostgreSQL's meaning of 0);
 * {@code connectTimeout} must be positive so an unreachable server always fails.
 */
public record ConnectionSettings(
        String url,
        String user,
        String password,
        Duration connectTimeout,
        Duration statementTimeout,
        Duration lockTimeout,
        Duration idleInTransactionTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofMinutes(1);

    public ConnectionSettings {
        Objects.requireNonNull(url, "url");
        requireAtLeast(connectTimeout, Duration.ofMillis(1), "connectTimeout");
        requireAtLeast(statementTimeout, Duration.ZERO, "statementTimeout");
        requireAtLeast(lockTimeout, Duration.ZERO, "lockTimeout");
        requireAtLeast(idleInTransactionTimeout, Duration.ZERO, "idleInTransactionTimeout");
    }

    /** Settings for a parsed URL: its credentials and connect_timeout, our default session timeouts. */
    public static ConnectionSettings of(DbTarget target) {
        return new ConnectionSettings(target.jdbcUrl(), target.user().orElse(null), target.password().orElse(null),
                target.connectTimeout().orElse(DEFAULT_CONNECT_TIMEOUT), DEFAULT_STATEMENT_TIMEOUT,
                DEFAULT_LOCK_TIMEOUT, DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT);
    }

    /** An explicit user (flag/env) overrides the URL's; null keeps the current one. */
    public ConnectionSettings withUser(String explicitUser) {
        return explicitUser == null ? this : new ConnectionSettings(url, explicitUser, password, connectTimeout,
                statementTimeout, lockTimeout, idleInTransactionTimeout);
    }

    /** An explicit password (file/env) overrides the URL's; null keeps the current one. */
    public ConnectionSettings withPassword(String explicitPassword) {
        return explicitPassword == null ? this : new ConnectionSettings(url, user, explicitPassword, connectTimeout,
                statementTimeout, lockTimeout, idleInTransactionTimeout);
    }

    public ConnectionSettings withConnectTimeout(Duration d) {
        return new ConnectionSettings(url, user, password, d, statementTimeout, lockTimeout, idleInTransactionTimeout);
    }

    public ConnectionSettings withStatementTimeout(Duration d) {
        return new ConnectionSettings(url, user, password, connectTimeout, d, lockTimeout, idleInTransactionTimeout);
    }

    public ConnectionSettings withLockTimeout(Duration d) {
        return new ConnectionSettings(url, user, password, connectTimeout, statementTimeout, d, idleInTransactionTimeout);
    }

    /** The user a connection will log in as: the explicit one, else pgjdbc's default (the OS user). */
    public String effectiveUser() {
        return user != null ? user : System.getProperty("user.name", "");
    }

    @Override
    public String toString() {
        return "ConnectionSettings[url=" + url + ", user=" + (user == null ? "<default>" : user)
                + ", password=" + (password == null ? "<none>" : "****")
                + ", connectTimeout=" + connectTimeout + ", statementTimeout=" + statementTimeout
                + ", lockTimeout=" + lockTimeout + ", idleInTransactionTimeout=" + idleInTransactionTimeout + "]";
    }

    private static void requireAtLeast(Duration d, Duration min, String name) {
        Objects.requireNonNull(d, name);
        if (d.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + d);
        }
    }
}

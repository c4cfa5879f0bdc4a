package dev.retentioncleanup.db;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to connect, as parsed from {@code --db-url}. {@code jdbcUrl} carries no credentials: user and
 * password are returned separately so that flags/env can override them and so the URL is safe to log.
 * {@code host}/{@code port} are the first host of a multi-host URL (used in messages).
 */
public record DbTarget(
        String jdbcUrl,
        String host,
        int port,
        String database,
        Optional<String> user,
        Optional<String> password,
        Optional<Duration> connectTimeout) {

    public DbTarget {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** {@code host:port/db}, IPv6 hosts bracketed; for messages. */
    public String describe() {
        return JdbcUrls.hostPort(host, port) + "/" + database;
    }

    @Override
    public String toString() {
        return "DbTarget[jdbcUrl=" + jdbcUrl + ", user=" + user.orElse("<default>")
                + ", password=" + (password.isPresent() ? "****" : "<none>")
                + ", connectTimeout=" + connectTimeout.map(Duration::toString).orElse("<default>") + "]";
    }
}

package dev.retentioncleanup.db;

import dev.retentioncleanup.url.BadUrlException;
import dev.retentioncleanup.url.PercentCoding;
import dev.retentioncleanup.url.UserInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns {@code jdbc:postgresql://…} and libpq URIs ({@code postgres://user:pass@host:port/db?sslmode=…})
 * into one canonical pgjdbc URL without credentials. Errors are {@link BadUrlException}s that quote no part of
 * the URL (the caller adds which setting held it).
 */
public final class JdbcUrls {
    public static final String APPLICATION_NAME = "retention-cleanup";
    static final int DEFAULT_PORT = 5432;

    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final List<String> PREFIXES = List.of(JDBC_PREFIX, "postgresql://", "postgres://");

    private JdbcUrls() {
    }

    public static DbTarget normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new BadUrlException("is empty; expected postgres://user@host:port/db or jdbc:postgresql://host:port/db");
        }
        String url = raw.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        String prefix = PREFIXES.stream().filter(lower::startsWith).findFirst().orElseThrow(
                () -> new BadUrlException("must start with postgres://, postgresql:// or jdbc:postgresql://"));
        String afterScheme = url.substring(prefix.length());
        // pgjdbc URLs have no user info (credentials go in the query), so an '@' there is just a character.
        return parse(prefix.equals(JDBC_PREFIX)
                ? new UserInfo(Optional.empty(), Optional.empty(), afterScheme) : UserInfo.split(afterScheme));
    }

    private static DbTarget parse(UserInfo userInfo) {
        String rest = userInfo.rest();
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String hostAndPath = q < 0 ? rest : rest.substring(0, q);
        Optional<String> user = userInfo.user();
        Optional<String> password = userInfo.password();

        int slash = hostAndPath.indexOf('/');
        String hostSpec = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        String database = slash < 0 ? "" : PercentCoding.decode(hostAndPath.substring(slash + 1), "database name");
        List<HostPort> hosts = parseHosts(hostSpec);

        Map<String, String> params = new LinkedHashMap<>();
        Optional<Duration> connectTimeout = Optional.empty();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new BadUrlException("a query parameter is not name=value");
            }
            String key = PercentCoding.decode(pair.substring(0, eq), "query");
            String value = PercentCoding.decode(pair.substring(eq + 1), "query");
            switch (jdbcKeyAlias(key)) {
                case "user" -> user = user.or(() -> Optional.of(value).filter(v -> !v.isEmpty()));
                case "password" -> password = password.or(() -> Optional.of(value).filter(v -> !v.isEmpty()));
                case "dbname" -> database = database.isEmpty() ? value : database;
                // Ours always wins: DBAs find the job in pg_stat_activity by this name.
                case "application_name", "ApplicationName" -> { }
                case "connect_timeout", "connectTimeout" -> connectTimeout = parseSeconds(key, value);
                case "target_session_attrs" -> params.put("targetServerType", targetServerType(value));
                // sslmode, sslrootcert, sslcert, sslkey, options, …: same names in libpq and pgjdbc.
                default -> params.put(key, value);
            }
        }
        if (database.isEmpty()) {
            throw new BadUrlException("no database name (…/dbname; percent-encode @ / ? # in a password)");
        }
        params.put("ApplicationName", APPLICATION_NAME);

        StringBuilder jdbc = new StringBuilder(JDBC_PREFIX);
        for (int i = 0; i < hosts.size(); i++) {
            jdbc.append(i == 0 ? "" : ",").append(hostPort(hosts.get(i).host(), hosts.get(i).port()));
        }
        jdbc.append('/').append(PercentCoding.encode(database));
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            jdbc.append(sep).append(PercentCoding.encode(p.getKey())).append('=').append(PercentCoding.encode(p.getValue()));
            sep = '&';
        }
        HostPort first = hosts.get(0);
        return new DbTarget(jdbc.toString(), first.host(), first.port(), database, user, password, connectTimeout);
    }

    /** pgjdbc spells application name either way; both are replaced by ours. */
    private static String jdbcKeyAlias(String key) {
        return key.equalsIgnoreCase("applicationName") ? "ApplicationName" : key;
    }

    private static String targetServerType(String libpqValue) {
        return switch (libpqValue) {
            case "read-write", "primary" -> "primary";
            case "read-only", "standby" -> "secondary";
            case "prefer-standby" -> "preferSecondary";
            case "any" -> "any";
            default -> throw new BadUrlException(
                    "target_session_attrs must be read-write, primary, read-only, standby, prefer-standby or any");
        };
    }

    private static Optional<Duration> parseSeconds(String key, String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            // libpq: zero or negative means "wait forever"; we keep our default bound instead.
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            throw new BadUrlException(key + " must be a whole number of seconds");
        }
    }

    private record HostPort(String host, int port) {
    }

    private static List<HostPort> parseHosts(String hostSpec) {
        if (hostSpec.isEmpty()) {
            throw new BadUrlException("no host (Unix sockets are not supported; use host=127.0.0.1)");
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String entry : hostSpec.split(",", -1)) {
            String host;
            String portText = null;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw new BadUrlException("unclosed '[' in an IPv6 host");
                }
                host = entry.substring(1, close);
                String after = entry.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw new BadUrlException("unexpected text after an IPv6 host");
                    }
                    portText = after.substring(1);
                }
            } else {
                int colon = entry.indexOf(':');
                host = colon < 0 ? entry : entry.substring(0, colon);
                portText = colon < 0 ? null : entry.substring(colon + 1);
            }
            host = PercentCoding.decode(host, "host");
            if (host.isEmpty()) {
                throw new BadUrlException("empty host");
            }
            hosts.add(new HostPort(host, portText == null || portText.isEmpty() ? DEFAULT_PORT : parsePort(portText)));
        }
        return hosts;
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new BadUrlException("a port is not a number from 1 to 65535 (percent-encode @ / ? # in a password)");
    }

    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}

package dev.retentioncleanup.db;

import dev.retentioncleanup.config.ConfigException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns {@code jdbc:postgresql://…} and libpq URIs ({@code postgres://user:pass@host:port/db?sslmode=…})
 * into one canonical pgjdbc URL without credentials. Errors are {@link ConfigException}s (exit 2) whose
 * message never contains the password.
 */
public final class JdbcUrls {
    public static final String APPLICATION_NAME = "retention-cleanup";
    static final int DEFAULT_PORT = 5432;

    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final List<String> PREFIXES = List.of(JDBC_PREFIX, "postgresql://", "postgres://");

    private JdbcUrls() {
    }

    public static DbTarget normalize(String raw) {
        return normalize(raw, "--db-url");
    }

    /** @param source what the user set, for the message: {@code --db-url}, {@code DATABASE_URL}, … */
    public static DbTarget normalize(String raw, String source) {
        if (raw == null || raw.isBlank()) {
            throw new ConfigException(source + " is empty; expected postgres://user@host:port/db or jdbc:postgresql://host:port/db");
        }
        String url = raw.strip();
        try {
            return parse(url);
        } catch (BadUrl e) {
            throw new ConfigException(source + ": " + e.getMessage() + " in " + mask(url));
        } catch (UnknownScheme e) {
            // Not echoed: without a recognised scheme we cannot tell where a password would be.
            throw new ConfigException(source + " must start with postgres://, postgresql:// or jdbc:postgresql://");
        }
    }

    private static DbTarget parse(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        String prefix = PREFIXES.stream().filter(lower::startsWith).findFirst().orElseThrow(UnknownScheme::new);
        String rest = url.substring(prefix.length());
        if (rest.indexOf('#') >= 0) {
            throw new BadUrl("'#' must be percent-encoded (%23)");
        }
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);

        // The last '@' ends the user info, so an unencoded '/' or '@' in a password still parses.
        int at = beforeQuery.lastIndexOf('@');
        String userInfo = at < 0 ? null : beforeQuery.substring(0, at);
        String hostAndPath = at < 0 ? beforeQuery : beforeQuery.substring(at + 1);

        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = nonEmpty(decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user"));
            password = colon < 0 ? Optional.empty() : nonEmpty(decode(userInfo.substring(colon + 1), "password"));
        }

        int slash = hostAndPath.indexOf('/');
        String hostSpec = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        String database = slash < 0 ? "" : decode(hostAndPath.substring(slash + 1), "database name");
        List<HostPort> hosts = parseHosts(hostSpec);

        Map<String, String> params = new LinkedHashMap<>();
        Optional<Duration> connectTimeout = Optional.empty();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new BadUrl("query parameter '" + pair + "' is not name=value");
            }
            String key = decode(pair.substring(0, eq), "parameter name");
            String value = decode(pair.substring(eq + 1), "parameter " + key);
            switch (jdbcKeyAlias(key)) {
                case "user" -> user = user.or(() -> nonEmpty(value));
                case "password" -> password = password.or(() -> nonEmpty(value));
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
            throw new BadUrl("no database name (…/dbname)");
        }
        params.put("ApplicationName", APPLICATION_NAME);

        StringBuilder jdbc = new StringBuilder(JDBC_PREFIX);
        for (int i = 0; i < hosts.size(); i++) {
            jdbc.append(i == 0 ? "" : ",").append(hostPort(hosts.get(i).host(), hosts.get(i).port()));
        }
        jdbc.append('/').append(encode(database));
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            jdbc.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
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
            default -> throw new BadUrl("unsupported target_session_attrs '" + libpqValue + "'");
        };
    }

    private static Optional<Duration> parseSeconds(String key, String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            // libpq: zero or negative means "wait forever"; we keep our default bound instead.
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            throw new BadUrl(key + " must be a whole number of seconds, not '" + value + "'");
        }
    }

    private record HostPort(String host, int port) {
    }

    private static List<HostPort> parseHosts(String hostSpec) {
        if (hostSpec.isEmpty()) {
            throw new BadUrl("no host (Unix sockets are not supported; use host=127.0.0.1)");
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String entry : hostSpec.split(",", -1)) {
            String host;
            String portText = null;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw new BadUrl("unclosed '[' in IPv6 host");
                }
                host = entry.substring(1, close);
                String after = entry.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw new BadUrl("unexpected '" + after + "' after IPv6 host");
                    }
                    portText = after.substring(1);
                }
            } else {
                int colon = entry.indexOf(':');
                host = colon < 0 ? entry : entry.substring(0, colon);
                portText = colon < 0 ? null : entry.substring(colon + 1);
            }
            host = decode(host, "host");
            if (host.isEmpty()) {
                throw new BadUrl("empty host");
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
        throw new BadUrl("invalid port '" + text + "'");
    }

    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Percent-decoding only: unlike HTML forms, '+' is a literal plus in URIs (and in passwords). */
    static String decode(String s, String what) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new BadUrl("bad percent-encoding in " + what);
                }
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Percent-encodes everything outside the RFC 3986 unreserved set. */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** The URL with the user-info password and any {@code password=} parameter replaced by {@code ****}. */
    static String mask(String url) {
        int q = url.indexOf('?');
        String beforeQuery = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        int scheme = beforeQuery.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = beforeQuery.lastIndexOf('@');
        if (at > start) {
            int colon = beforeQuery.indexOf(':', start);
            if (colon >= 0 && colon < at) {
                beforeQuery = beforeQuery.substring(0, colon + 1) + "****" + beforeQuery.substring(at);
            }
        }
        return beforeQuery + query.replaceAll("(?i)([?&]password=)[^&]*", "$1****");
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** Internal: a parse error whose message is completed (with the masked URL) by {@link #normalize}. */
    private static final class BadUrl extends RuntimeException {
        BadUrl(String message) {
            super(message, null, false, false);
        }
    }

    private static final class UnknownScheme extends RuntimeException {
        UnknownScheme() {
            super(null, null, false, false);
        }
    }
}

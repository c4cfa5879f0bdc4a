package dev.retentioncleanup.url;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The user info of a URL ({@code user:password@}), found before anything else is split off: it ends at the last
 * {@code '@'}, so a password with {@code @ ? # :} typed raw (libpq wants them percent-encoded) still parses and
 * never ends up in the host, path or query, which messages may name. A raw {@code '/'} in a password cannot be
 * told from the start of the path, so a URL with an {@code '@'} after its first {@code '/'} is refused: such a
 * slash, and an {@code '@'} in the path or query, must be percent-encoded.
 *
 * @param rest what follows the user info: host, port, path, query
 */
public record UserInfo(Optional<String> user, Optional<String> password, String rest) {
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");

    /** @param afterScheme the URL without its {@code scheme://} */
    public static UserInfo split(String afterScheme) {
        int at = afterScheme.lastIndexOf('@');
        if (at < 0) {
            return new UserInfo(Optional.empty(), Optional.empty(), afterScheme);
        }
        int slash = afterScheme.indexOf('/');
        if (slash >= 0 && slash < at) {
            throw new BadUrlException("'/' in a password and '@' after the host must be percent-encoded (%2F, %40)");
        }
        String info = afterScheme.substring(0, at);
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        return new UserInfo(nonEmpty(PercentCoding.decode(user, "user name")),
                colon < 0 ? Optional.empty() : nonEmpty(PercentCoding.decode(info.substring(colon + 1), "password")),
                afterScheme.substring(at + 1));
    }

    /**
     * The URL with its user-info password and any {@code password=} parameter shown as {@code ***}, for
     * {@code toString}; unparseable text is hidden whole.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return "***";
        }
        UserInfo info;
        try {
            info = split(url.substring(scheme + 3));
        } catch (BadUrlException e) {
            return "***";
        }
        String userInfo = info.user().map(PercentCoding::encode).orElse("")
                + (info.password().isPresent() ? ":***" : "");
        return url.substring(0, scheme + 3) + (userInfo.isEmpty() ? "" : userInfo + "@")
                + QUERY_PASSWORD.matcher(info.rest()).replaceAll("$1***");
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}

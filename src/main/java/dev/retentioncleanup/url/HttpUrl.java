package dev.retentioncleanup.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An http(s) endpoint with its user info taken out of the URL and kept as {@link Credentials} for Basic auth:
 * the JDK's client sends no credentials from a URL, and a URL without them is safe to pass around.
 * {@link #toString} is {@link #describe}: scheme, host and port, never the path or query (ping keys live there).
 */
public record HttpUrl(URI uri, Optional<Credentials> credentials) {
    public HttpUrl {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(credentials, "credentials");
    }

    public static HttpUrl parse(String text) {
        int colon = text.indexOf("://");
        String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadUrlException("not an http:// or https:// URL");
        }
        UserInfo info = UserInfo.split(text.substring(colon + 3));
        URI uri;
        try {
            uri = new URI(scheme + "://" + info.rest());
        } catch (URISyntaxException e) {
            throw new BadUrlException("not a valid URL: " + e.getReason()); // the reason alone: no input
        }
        if (uri.getHost() == null) {
            throw new BadUrlException("no host in the URL");
        }
        Optional<Credentials> credentials = info.user().isPresent() || info.password().isPresent()
                ? Optional.of(new Credentials(info.user().orElse(""), info.password().orElse("")))
                : Optional.empty();
        return new HttpUrl(uri, credentials);
    }

    /** Explicit settings win over the URL's user info; null keeps what the URL has. */
    public HttpUrl withCredentials(String user, String password) {
        if (user == null && password == null) {
            return this;
        }
        String u = user != null ? user : credentials.map(Credentials::user).orElse("");
        String p = password != null ? password : credentials.map(Credentials::password).orElse("");
        return new HttpUrl(uri, Optional.of(new Credentials(u, p)));
    }

    /** The same endpoint with {@code encodedPath} (already percent-encoded) appended to its path. */
    public HttpUrl plusPath(String encodedPath) {
        String base = uri.toString();
        return new HttpUrl(URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + encodedPath),
                credentials);
    }

    /** {@code https://host:port}, for messages. */
    public String describe() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public String toString() {
        return describe();
    }
}

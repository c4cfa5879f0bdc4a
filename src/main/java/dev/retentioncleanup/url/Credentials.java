package dev.retentioncleanup.url;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** A user and password for HTTP Basic auth; {@link #toString} never shows the password. */
public record Credentials(String user, String password) {
    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The {@code Authorization} header value (RFC 7617). */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=***]";
    }
}

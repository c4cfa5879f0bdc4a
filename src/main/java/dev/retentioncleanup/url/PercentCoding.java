package dev.retentioncleanup.url;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding with the JDK's form codecs, minus their one difference: '+' is a literal plus. */
public final class PercentCoding {
    private PercentCoding() {
    }

    /** @param what names the part for the message ("password", "database name"); the text itself is never quoted */
    public static String decode(String s, String what) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadUrlException("bad percent-encoding in the " + what);
        }
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.retentioncleanup.archive;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of an archive's keys: {@code <runId>/manifest.json} and, per committed batch and table,
 * {@code <runId>/<batch, 6 digits>/<schema>.<table>.csv.gz}. Schema and table names are percent-encoded (UTF-8)
 * except {@code [A-Za-z0-9_-]}, so the '.' between them is unambiguous and any name is a safe file name.
 */
public final class ArchiveLayout {
    public static final String MANIFEST = "manifest.json";
    public static final String DATA_SUFFIX = ".csv.gz";
    /** What a local store writes before its atomic rename; one left behind is a leftover. */
    public static final String PARTIAL_SUFFIX = ".partial";

    /** The batch as {@link #batchDir} writes it: six digits, more without leading zeros (so parsing round-trips). */
    private static final Pattern DATA_KEY = Pattern.compile("([^/]+)/(\\d{6}|[1-9]\\d{6,17})/([^/]+"
            + Pattern.quote(DATA_SUFFIX) + ")");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private ArchiveLayout() {
    }

    /** A data file's key, split: {@code path()} is what the manifest lists (relative to the run's directory). */
    public record DataKey(String runId, long batch, String fileName) {
        public String path() {
            return batchDir(batch) + "/" + fileName;
        }

        public String key() {
            return runId + "/" + path();
        }
    }

    public static String manifestKey(String runId) {
        return runId + "/" + MANIFEST;
    }

    public static DataKey dataKey(String runId, long batch, String schema, String table) {
        if (batch < 0) {
            throw new IllegalArgumentException("negative batch " + batch);
        }
        return new DataKey(runId, batch, encode(schema) + "." + encode(table) + DATA_SUFFIX);
    }

    /** The key as a data file's parts, or empty when it is not one (a manifest, a leftover {@code .partial}). */
    public static Optional<DataKey> parseDataKey(String key) {
        Matcher m = DATA_KEY.matcher(key);
        return m.matches() ? Optional.of(new DataKey(m.group(1), Long.parseLong(m.group(2)), m.group(3)))
                : Optional.empty();
    }

    /** The first segment of a key: its run; null for a key at the top (no run's). */
    public static String runOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? null : key.substring(0, slash);
    }

    /** A table as its data file names it; {@code toString} is the manifest's display name, schema.table. */
    public record Table(String schema, String name) {
        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    /** The table of a data file name, decoded. */
    public static Table tableOf(String fileName) {
        if (!fileName.endsWith(DATA_SUFFIX)) {
            throw new IllegalArgumentException("not a data file name: " + fileName);
        }
        String stem = fileName.substring(0, fileName.length() - DATA_SUFFIX.length());
        int dot = stem.indexOf('.');
        if (dot < 0 || stem.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("not a data file name: " + fileName);
        }
        return new Table(decode(stem.substring(0, dot)), decode(stem.substring(dot + 1)));
    }

    /** Accepts a relative '/'-separated path without empty, "." or ".." segments; returns it. */
    public static String checkKey(String key) {
        if (key.isEmpty() || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad archive key '" + key + "'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("bad archive key '" + key + "'");
            }
        }
        return key;
    }

    static String batchDir(long batch) {
        return String.format("%06d", batch);
    }

    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (cp < 128 && (Character.isLetterOrDigit(cp) || cp == '_' || cp == '-')) {
                out.appendCodePoint(cp);
            } else {
                for (byte b : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX.toHexDigits(b));
                }
            }
        });
        return out.toString();
    }

    static String decode(String encoded) {
        // URLDecoder would also turn '+' into a space; encode() never writes a '+', so a '+' here is not ours.
        if (encoded.indexOf('+') >= 0) {
            throw new IllegalArgumentException("not an encoded name: " + encoded);
        }
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}

package dev.retentioncleanup.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PostgreSQL identifier rules for names in the config file: unquoted parts fold to lower case, "Quoted" parts keep
 * case and may hold dots, and parts join with dots. Failures throw {@link IllegalArgumentException} with a short
 * detail that callers append to their own "'x' is not …" message.
 */
final class Identifiers {
    /** NAMEDATALEN - 1: PostgreSQL silently truncates longer names, which could then match another table. */
    static final int MAX_BYTES = 63;

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private Identifiers() {
    }

    /**
     * The parts of a dotted name that must have {@code min} to {@code max} of them; a complaint says which
     * {@code forms} were expected.
     */
    static List<String> parts(String text, String forms, int min, int max) {
        List<String> parts;
        try {
            parts = parts(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Units.quote(text) + " is not " + forms + ": " + e.getMessage());
        }
        if (parts.size() < min || parts.size() > max) {
            throw new IllegalArgumentException(Units.quote(text) + " is not " + forms
                    + ": it has " + parts.size() + " dotted part" + (parts.size() == 1 ? "" : "s"));
        }
        return parts;
    }

    /** The parts of a dotted name, folded as PostgreSQL would. */
    static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        int i = skipSpaces(text, 0);
        while (true) {
            int start = i;
            StringBuilder part = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                i = readQuoted(text, i, part);
            } else {
                i = readUnquoted(text, i, part);
            }
            if (part.length() == 0) {
                throw new IllegalArgumentException(i >= text.length()
                        ? "a name is missing at the end"
                        : "unexpected '" + text.charAt(i) + "' at position " + (start + 1));
            }
            if (part.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw new IllegalArgumentException("'" + part + "' is longer than " + MAX_BYTES
                        + " bytes and PostgreSQL would truncate it");
            }
            parts.add(part.toString());
            i = skipSpaces(text, i);
            if (i == text.length()) {
                return List.copyOf(parts);
            }
            if (text.charAt(i) != '.') {
                throw new IllegalArgumentException("unexpected '" + text.charAt(i) + "' at position " + (i + 1));
            }
            i = skipSpaces(text, i + 1);
        }
    }

    /** One name that must not be qualified, such as a column. */
    static String single(String text) {
        List<String> parts = parts(text);
        if (parts.size() != 1) {
            throw new IllegalArgumentException("expected one name, found " + parts.size() + " dotted parts");
        }
        return parts.get(0);
    }

    /** A column name: one name, as {@link #single}, in a complaint that quotes the text. */
    static String column(String text) {
        try {
            return single(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Units.quote(text) + " is not a column name: " + e.getMessage());
        }
    }

    /** The name as it would be written back: bare when folding keeps it, else double-quoted. */
    static String display(String name) {
        return PLAIN.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Index of "->" outside double quotes, or -1. */
    static int arrow(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '-' && text.charAt(i + 1) == '>') {
                return i;
            }
        }
        return -1;
    }

    private static int readQuoted(String text, int i, StringBuilder part) {
        int j = i + 1;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '"') {
                if (j + 1 < text.length() && text.charAt(j + 1) == '"') {
                    part.append('"');
                    j += 2;
                    continue;
                }
                if (part.length() == 0) {
                    throw new IllegalArgumentException("empty quoted name at position " + (i + 1));
                }
                return j + 1;
            }
            part.append(c);
            j++;
        }
        throw new IllegalArgumentException("unterminated quote at position " + (i + 1));
    }

    private static int readUnquoted(String text, int i, StringBuilder part) {
        int j = i;
        while (j < text.length()) {
            char c = text.charAt(j);
            boolean ok = Character.isLetter(c) || c == '_' || (j > i && (Character.isDigit(c) || c == '$'));
            if (!ok) {
                break;
            }
            // PostgreSQL folds only ASCII letters in multibyte encodings.
            part.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            j++;
        }
        return j;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}

package dev.retentioncleanup.config;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A node of the config file with its path and line, so each complaint about it reads
 * {@code retention.yml:7: targets[0].tenant[1]: …}. Typed reads throw {@link ConfigException}. A scalar's type is
 * the one YAML resolves (a plain {@code 7} is a number, {@code "7"} a string); its value is always the text as
 * written.
 *
 * @param line the line of the node's key in a mapping, of the node itself in a list (from {@link YamlDocument})
 */
record YamlNode(Node node, ConfigPath path, int line, Path source) {
    private static final Set<String> TRUE = Set.of("true", "yes", "on");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9][0-9_]*");

    ConfigException error(String message) {
        return new ConfigException(source + ":" + line + ": " + (path.isRoot() ? "" : path + ": ") + message);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    /** A scalar with a value: not a mapping or list, not empty, not null. */
    boolean hasValue() {
        return node instanceof ScalarNode scalar && !scalar.getValue().isEmpty() && !isNull(node);
    }

    /** The text of a scalar as written ({@code 500} and {@code "500"} both give "500"). */
    String scalarText() {
        return ((ScalarNode) node).getValue();
    }

    /** Checks that this is a mapping whose keys are all in {@code allowed}; an unknown key is reported at its line. */
    YamlNode mappingOf(Set<String> allowed, String what) {
        if (!isMapping()) {
            throw error("expected " + what + ", got " + describe());
        }
        for (YamlNode entry : entries()) {
            if (!allowed.contains(entry.key())) {
                throw entry.error("unknown key (expected one of: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        return this;
    }

    /** A mapping's values in file order, each knowing its key as the last segment of its path. */
    List<YamlNode> entries() {
        List<YamlNode> out = new ArrayList<>();
        for (NodeTuple entry : ((MappingNode) node).getValue()) {
            // Keys are scalars: YamlDocument refuses any other before a reader sees the tree.
            String key = ((ScalarNode) entry.getKeyNode()).getValue();
            int line = YamlDocument.line(entry.getKeyNode().getStartMark());
            out.add(new YamlNode(entry.getValueNode(), path.key(key), line, source));
        }
        return out;
    }

    /** This node's key in its mapping. */
    String key() {
        return (String) path.segments().get(path.segments().size() - 1);
    }

    Optional<YamlNode> optional(String key) {
        if (!isMapping()) {
            return Optional.empty();
        }
        return entries().stream().filter(e -> e.key().equals(key)).findFirst();
    }

    YamlNode required(String key) {
        return optional(key).orElseThrow(() -> error("missing required key '" + key + "'"));
    }

    /**
     * A list's elements; with {@code scalarAsList} a single scalar counts as a list of one, an empty one included
     * (its element then says what it lacks), an explicit null ({@code ~}) not.
     */
    List<YamlNode> elements(String what, boolean scalarAsList) {
        if (scalarAsList && node instanceof ScalarNode scalar && (scalar.getValue().isEmpty() || !isNull(node))) {
            return List.of(this);
        }
        if (!isList()) {
            throw error("expected " + what + ", got " + describe());
        }
        List<Node> nodes = ((SequenceNode) node).getValue();
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.add(new YamlNode(nodes.get(i), path.index(i), YamlDocument.line(nodes.get(i).getStartMark()), source));
        }
        return out;
    }

    /** A non-empty string. */
    String text(String what) {
        if (kind(node) != Kind.STRING || scalarText().isEmpty()) {
            throw error("expected " + what + ", got " + describe());
        }
        return scalarText();
    }

    /** A non-empty string read by {@code parser}, whose complaint ("'x' is not …") gets this node's place. */
    <T> T parsed(String what, Function<String, T> parser) {
        try {
            return parser.apply(text(what));
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** A whole number from 0 to {@code max}, written in decimal (underscores between digits allowed). */
    int intUpTo(int max, String what) {
        if (kind(node) != Kind.NUMBER || !node.getTag().equals(Tag.INT) || !DECIMAL.matcher(scalarText()).matches()) {
            throw error("expected " + what + ", got " + describe());
        }
        String digits = scalarText().replace("_", "");
        BigInteger value = new BigInteger(digits);
        if (digits.replaceFirst("^[-+]", "").matches("0[0-9]+")) {
            // YAML 1.1 reads a leading zero as octal (0500 is 320): refuse it rather than guess.
            throw error(scalarText() + " has a leading zero, which YAML reads as octal; write " + value
                    + ", expected " + what);
        }
        if (value.signum() < 0) {
            throw error(scalarText() + " is negative; expected " + what);
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(scalarText() + " is more than " + max + "; expected " + what);
        }
        return value.intValue();
    }

    String describe() {
        return describe(node);
    }

    static String describe(Node node) {
        String text = node instanceof ScalarNode scalar ? scalar.getValue() : "";
        return switch (kind(node)) {
            case MAPPING -> "a mapping";
            case LIST -> "a list";
            case NULL -> "no value";
            case BOOLEAN -> "a boolean (" + TRUE.contains(text.toLowerCase(Locale.ROOT)) + ")";
            case NUMBER -> "a number (" + text + ")";
            case STRING -> text.isEmpty() ? "no value" : "a string ('" + text + "')";
        };
    }

    /** An explicit null ({@code ~}, {@code null}) or a value left empty. */
    static boolean isNull(Node node) {
        return kind(node) == Kind.NULL;
    }

    private enum Kind { MAPPING, LIST, NULL, BOOLEAN, NUMBER, STRING }

    /**
     * The type YAML gives a scalar: plain scalars are resolved (YAML 1.1: {@code yes} is a boolean, {@code 0x1F} a
     * number), quoted ones are strings, explicit tags are taken at their word; any other tag (a timestamp, binary,
     * a custom one) reads as a string, since nothing is constructed from tags. Sexagesimal numbers ({@code 1:30})
     * read as strings too.
     */
    private static Kind kind(Node node) {
        if (node instanceof MappingNode) {
            return Kind.MAPPING;
        }
        if (!(node instanceof ScalarNode scalar)) {
            return Kind.LIST;
        }
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return Kind.NULL;
        }
        if (tag.equals(Tag.BOOL)) {
            return Kind.BOOLEAN;
        }
        if ((tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) && !scalar.getValue().contains(":")) {
            return Kind.NUMBER;
        }
        return Kind.STRING;
    }
}

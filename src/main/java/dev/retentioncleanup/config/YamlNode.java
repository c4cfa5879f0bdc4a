package dev.retentioncleanup.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A node of the config file that knows its path ("targets[0].tenant[1]") and line, so each complaint about it
 * reads {@code retention.yml:7: targets[0].tenant[1]: …}. Typed reads throw {@link ConfigException}.
 */
record YamlNode(JsonNode json, String pointer, String path, Path source, YamlLines lines) {
    static YamlNode root(JsonNode json, Path source, YamlLines lines) {
        return new YamlNode(json, "", "", source, lines);
    }

    int line() {
        return lines.lineOf(pointer);
    }

    ConfigException error(String message) {
        return new ConfigException(source + ":" + line() + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** Wraps a value parser's complaint ("'x' is not …") with this node's place. */
    ConfigException error(IllegalArgumentException e) {
        return error(e.getMessage());
    }

    /** Checks that this is a mapping whose keys are all in {@code allowed}; an unknown key is reported at its line. */
    YamlNode mappingOf(Set<String> allowed, String what) {
        if (!json.isObject()) {
            throw error("expected " + what + ", got " + describe(json));
        }
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw child(name).error("unknown key (expected one of: " + String.join(", ", sorted(allowed)) + ")");
            }
        }
        return this;
    }

    Optional<YamlNode> optional(String key) {
        JsonNode value = json.get(key);
        return value == null ? Optional.empty() : Optional.of(child(key));
    }

    YamlNode required(String key) {
        return optional(key).orElseThrow(() -> error("missing required key '" + key + "'"));
    }

    /** A list's elements; a single scalar counts as a list of one when {@code scalarAsList} is set. */
    List<YamlNode> elements(String what, boolean scalarAsList) {
        if (scalarAsList && json.isValueNode() && !json.isNull()) {
            return List.of(this);
        }
        if (!json.isArray()) {
            throw error("expected " + what + ", got " + describe(json));
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            out.add(new YamlNode(json.get(i), pointer + "/" + i, path + "[" + i + "]", source, lines));
        }
        return out;
    }

    /** A non-empty string. */
    String text(String what) {
        if (!json.isTextual() || json.textValue().isEmpty()) {
            throw error("expected " + what + ", got " + describe(json));
        }
        return json.textValue();
    }

    /** A whole number from 0 to {@code max}. */
    int intUpTo(int max, String what) {
        if (!json.isIntegralNumber()) {
            throw error("expected " + what + ", got " + describe(json));
        }
        if (json.bigIntegerValue().signum() < 0) {
            throw error(json.asText() + " is negative; expected " + what);
        }
        if (!json.canConvertToInt() || json.intValue() > max) {
            throw error(json.asText() + " is more than " + max + "; expected " + what);
        }
        return json.intValue();
    }

    YamlNode child(String key) {
        String escaped = key.replace("~", "~0").replace("/", "~1");
        return new YamlNode(json.get(key), pointer + "/" + escaped, path.isEmpty() ? key : path + "." + key, source, lines);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
            return "no value";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isBoolean()) {
            return "a boolean (" + node.asText() + ")";
        }
        if (node.isNumber()) {
            return "a number (" + node.asText() + ")";
        }
        return "a string ('" + node.asText() + "')";
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}

package dev.retentioncleanup.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Line numbers by JSON pointer ("/targets/0/tenant/1"), from one streaming pass: Jackson's tree model drops
 * locations. The same pass turns syntax errors and duplicate keys into one-line {@link ConfigException}s.
 */
public final class YamlLines {
    static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, Integer> lines;

    private YamlLines(Map<String, Integer> lines) {
        this.lines = Map.copyOf(lines);
    }

    static YamlLines scan(byte[] yaml, Path source) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                // A container's own context starts at its opening token; its place is in the parent's context.
                var context = token.isStructStart() ? parser.getParsingContext().getParent() : parser.getParsingContext();
                // First wins: for "key: value" that is the key's line, for a list element its own line.
                lines.putIfAbsent(context.pathAsPointer().toString(), parser.currentTokenLocation().getLineNr());
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(e, source);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read config file: " + e.getMessage(), e);
        }
        return new YamlLines(lines);
    }

    /** The line of the node at {@code pointer}, or of its nearest ancestor that has one. */
    public int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 1;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    private static ConfigException syntaxError(JsonProcessingException e, Path source) {
        // snakeyaml's own messages span several lines with a caret drawing; keep the problem and where it is.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext()
                    + (yaml.getContextMark() == null ? "" : " started on line " + (yaml.getContextMark().getLine() + 1)) + ")";
            return new ConfigException(source + ":" + (yaml.getProblemMark().getLine() + 1) + ": YAML syntax error: "
                    + firstLine(yaml.getProblem()) + context, e);
        }
        int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Duplicate field ")) {
            message = "duplicate key " + message.substring("Duplicate field ".length());
        } else {
            message = "YAML syntax error: " + message;
        }
        return new ConfigException(source + ":" + line + ": " + message, e);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable YAML";
        }
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }
}

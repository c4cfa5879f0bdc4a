package dev.retentioncleanup.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The config file parsed once, by SnakeYAML's composer: a tree of nodes that each keep where they start, so every
 * complaint names its line. Nothing is constructed from the nodes, so no tag can make a Java object; the readers
 * take scalars as text. Refused while parsing, at their line, because the config has no use for them and a
 * silent reading of them would be wrong: anchors and aliases, a second document. Refused right after: a key
 * given twice in one mapping, and a key that is not a single value. Syntax errors keep SnakeYAML's problem and
 * where it started, on one line.
 */
final class YamlDocument {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * @param root  the top node, or null when the file holds no value (empty, comments only, or a bare null)
     * @param lines the line of every node by its path: a mapping value is on its key's line, a list element on
     *              its own
     */
    record Parsed(YamlNode root, Map<ConfigPath, Integer> lines) {
    }

    private YamlDocument() {
    }

    static Parsed parse(byte[] bytes, Path source) {
        String text = decode(bytes, source);
        LoaderOptions options = new LoaderOptions(); // limits: 3 MB of code points, 50 levels of nesting
        Refusing parser = new Refusing(new ParserImpl(new StreamReader(text), options), source);
        Node root;
        try {
            Composer composer = new Composer(parser, new Resolver(), options);
            root = composer.checkNode() ? composer.getNode() : null;
            composer.checkNode(); // peeks at what follows: a second document is refused there
        } catch (MarkedYAMLException e) {
            throw syntaxError(source, e.getProblemMark() == null ? parser.lastLine() : line(e.getProblemMark()),
                    e.getProblem(), e.getContext() == null ? "" : " (" + e.getContext()
                            + (e.getContextMark() == null ? "" : " started on line " + line(e.getContextMark())) + ")",
                    e);
        } catch (ReaderException e) {
            throw syntaxError(source, lineAt(text, e.getPosition()), e.getMessage(), "", e);
        } catch (YAMLException e) {
            throw syntaxError(source, parser.lastLine(), e.getMessage(), "", e);
        }
        Map<ConfigPath, Integer> lines = new HashMap<>();
        if (root == null || YamlNode.isNull(root)) {
            return new Parsed(null, Map.of());
        }
        walk(root, ConfigPath.ROOT, line(root.getStartMark()), lines, source);
        return new Parsed(new YamlNode(root, ConfigPath.ROOT, line(root.getStartMark()), source), Map.copyOf(lines));
    }

    /** Records every node's line and refuses duplicate and non-scalar keys, in document order. */
    private static void walk(Node node, ConfigPath path, int line, Map<ConfigPath, Integer> lines, Path source) {
        lines.put(path, line);
        if (node instanceof MappingNode mapping) {
            Set<String> keys = new HashSet<>();
            for (NodeTuple entry : mapping.getValue()) {
                int keyLine = line(entry.getKeyNode().getStartMark());
                if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                    throw new ConfigException(source + ":" + keyLine + ": YAML syntax error: a key must be a single"
                            + " value, not " + YamlNode.describe(entry.getKeyNode()));
                }
                if (!keys.add(key.getValue())) {
                    throw new ConfigException(source + ":" + keyLine + ": duplicate key '" + key.getValue() + "'");
                }
                walk(entry.getValueNode(), path.key(key.getValue()), keyLine, lines, source);
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> elements = sequence.getValue();
            for (int i = 0; i < elements.size(); i++) {
                walk(elements.get(i), path.index(i), line(elements.get(i).getStartMark()), lines, source);
            }
        }
    }

    /** UTF-8, with or without a byte order mark; anything else is refused at the line of its first bad byte. */
    private static String decode(byte[] bytes, Path source) {
        int start = bytes.length >= UTF8_BOM.length && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1]
                && bytes[2] == UTF8_BOM[2] ? UTF8_BOM.length : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = start; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new ConfigException(String.format("%s:%d: YAML syntax error: invalid UTF-8 byte 0x%02x: check the"
                    + " file's encoding, it does not look like UTF-8", source, line, bytes[at] & 0xff));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static ConfigException syntaxError(Path source, int line, String problem, String context,
            YAMLException e) {
        return new ConfigException(source + ":" + line + ": YAML syntax error: " + firstLine(problem) + context, e);
    }

    /** 1-based, as editors count. */
    static int line(Mark mark) {
        return mark.getLine() + 1;
    }

    private static int lineAt(String text, int codePointIndex) {
        int line = 1;
        int index = 0;
        for (int i = 0; i < text.length() && index < codePointIndex; i = text.offsetByCodePoints(i, 1), index++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return line;
    }

    // SnakeYAML's own messages span several lines with a caret drawing; keep the problem.
    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable YAML";
        }
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }

    /**
     * The parser's events, checked as the composer takes them: the first anchor, alias or second document ends the
     * parse at its line. Refused here rather than in the tree because the composer resolves an alias into the
     * anchored node (the alias's own line is lost) and fails on one whose anchor is missing.
     */
    private static final class Refusing implements Parser {
        private final Parser parser;
        private final Path source;
        private Event checked;
        private int documents;

        Refusing(Parser parser, Path source) {
            this.parser = parser;
            this.source = source;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            Event event = peekEvent();
            return event != null && event.is(choice);
        }

        @Override
        public Event peekEvent() {
            return check(parser.peekEvent());
        }

        @Override
        public Event getEvent() {
            return check(parser.getEvent());
        }

        /** The line of the last event seen, for errors SnakeYAML reports without a place of their own. */
        int lastLine() {
            return checked == null ? 1 : line(checked.getStartMark());
        }

        private Event check(Event event) {
            if (event == null || event == checked) {
                return event;
            }
            checked = event;
            if (event instanceof AliasEvent alias) {
                throw refused(event, "YAML alias *" + alias.getAnchor() + " is not supported; write the value"
                        + " out in full");
            }
            if (event instanceof NodeEvent node && node.getAnchor() != null) {
                throw refused(event, "YAML anchor &" + node.getAnchor() + " is not supported; write each"
                        + " value out in full");
            }
            if (event instanceof DocumentStartEvent && ++documents > 1) {
                throw refused(event, "a second YAML document is not supported; keep the whole config in"
                        + " one document (no '---' after the first)");
            }
            return event;
        }

        private ConfigException refused(Event event, String message) {
            return new ConfigException(source + ":" + line(event.getStartMark()) + ": " + message);
        }
    }
}

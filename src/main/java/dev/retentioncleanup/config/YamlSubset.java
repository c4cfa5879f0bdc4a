package dev.retentioncleanup.config;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Refuses the YAML features the config file has no use for and Jackson's tree would get silently wrong: an
 * alias becomes the anchor's name as a string, and only the first of several documents is read. Reads
 * snakeyaml's events because Jackson drops the anchors of scalars. Run after {@link YamlLines#scan}, which has
 * already reported any syntax error.
 */
final class YamlSubset {
    private YamlSubset() {
    }

    static void check(byte[] yaml, Path source) {
        int documents = 0;
        for (Event event : new Yaml(new LoaderOptions()).parse(new UnicodeReader(new ByteArrayInputStream(yaml)))) {
            if (event instanceof AliasEvent alias) {
                throw refused(source, event, "YAML alias *" + alias.getAnchor() + " is not supported; write the value"
                        + " out in full");
            }
            if (event instanceof NodeEvent node && node.getAnchor() != null) {
                throw refused(source, event, "YAML anchor &" + node.getAnchor() + " is not supported; write each"
                        + " value out in full");
            }
            if (event instanceof DocumentStartEvent && ++documents > 1) {
                throw refused(source, event, "a second YAML document is not supported; keep the whole config in"
                        + " one document (no '---' after the first)");
            }
        }
    }

    private static ConfigException refused(Path source, Event event, String message) {
        return new ConfigException(source + ":" + (event.getStartMark().getLine() + 1) + ": " + message);
    }
}

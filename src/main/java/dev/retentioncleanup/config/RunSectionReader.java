package dev.retentioncleanup.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code run:} section into raw values keyed by setting file key. Only the keys are checked here
 * (against {@link Settings}); values are parsed when settings are resolved.
 */
final class RunSectionReader {
    /** Keys a user might reach for to put a password in the file, which would leave it in version control. */
    private static final Set<String> PASSWORD_KEYS = Set.of("db_password", "password");

    private RunSectionReader() {
    }

    static Map<String, FileValue> read(YamlNode node) {
        if (!node.json().isObject()) {
            throw node.error("expected a mapping of settings (e.g. batch_size: auto), got " + YamlNode.describe(node.json()));
        }
        Map<String, FileValue> values = new LinkedHashMap<>();
        Iterator<String> names = node.json().fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            YamlNode value = node.child(name);
            if (PASSWORD_KEYS.contains(name)) {
                throw value.error("a password does not belong in the config file; use db_password_file "
                        + "(--db-password-file) or the environment (RETENTION_DB_PASSWORD, PGPASSWORD)");
            }
            if (Settings.byFileKey(name).isEmpty()) {
                throw value.error("unknown setting" + Suggestions.didYouMean(name, Settings.fileKeys()));
            }
            values.put(name, new FileValue(raw(value), value.line()));
        }
        return values;
    }

    private static Object raw(YamlNode node) {
        JsonNode json = node.json();
        if (json.isArray()) {
            List<String> items = new ArrayList<>();
            for (YamlNode element : node.elements("a list", false)) {
                items.add(scalar(element));
            }
            return items;
        }
        return scalar(node);
    }

    private static String scalar(YamlNode node) {
        JsonNode json = node.json();
        // An empty value ("batch_size:") may arrive as null or as "" depending on where it sits in the file.
        if (json.isNull() || !json.isValueNode() || json.asText().isEmpty()) {
            throw node.error("expected a value, got " + YamlNode.describe(json));
        }
        return json.asText();
    }
}

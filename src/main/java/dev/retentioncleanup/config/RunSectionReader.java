package dev.retentioncleanup.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code run:} section into raw values keyed by setting file key. The values are parsed when settings are
 * resolved, from the text as written, like a flag's or a variable's; the keys are checked then too, against every
 * setting of the command ({@link Sources#requireKnownFileKeys}), since the guards declare theirs outside this
 * package. Only a password is refused here, at once.
 */
final class RunSectionReader {
    /** Where the section is: its keys are {@code run.batch_size} in messages. */
    static final ConfigPath PATH = ConfigPath.of("run");
    /** Keys a user might reach for to put a password in the file, which would leave it in version control. */
    private static final Set<String> PASSWORD_KEYS = Set.of("db_password", "password");

    private RunSectionReader() {
    }

    static Map<String, FileValue> read(YamlNode node) {
        if (!node.isMapping()) {
            throw node.error("expected a mapping of settings (e.g. batch_size: auto), got " + node.describe());
        }
        Map<String, FileValue> values = new LinkedHashMap<>();
        for (YamlNode value : node.entries()) {
            String name = value.key();
            if (PASSWORD_KEYS.contains(name)) {
                throw value.error("a password does not belong in the config file; use db_password_file "
                        + "(--db-password-file) or the environment (RETENTION_DB_PASSWORD, PGPASSWORD)");
            }
            values.put(name, new FileValue(raw(value), value.line()));
        }
        return values;
    }

    private static Object raw(YamlNode node) {
        if (node.isList()) {
            List<String> items = new ArrayList<>();
            for (YamlNode element : node.elements("a list", false)) {
                items.add(scalar(element));
            }
            return items;
        }
        return scalar(node);
    }

    private static String scalar(YamlNode node) {
        if (!node.hasValue()) {
            throw node.error("expected a value, got " + node.describe());
        }
        return node.scalarText();
    }
}

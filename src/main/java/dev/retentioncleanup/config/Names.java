package dev.retentioncleanup.config;

/** Reads identifiers and relations from file nodes, turning parse failures into located {@link ConfigException}s. */
final class Names {
    private Names() {
    }

    static TableRef table(YamlNode node) {
        try {
            return TableRef.parse(node.text("a table name"));
        } catch (IllegalArgumentException e) {
            throw node.error(e);
        }
    }

    static String column(YamlNode node) {
        String text = node.text("a column name");
        try {
            return Identifiers.single(text);
        } catch (IllegalArgumentException e) {
            throw node.error("'" + text + "' is not a column name: " + e.getMessage());
        }
    }

    static TenantHop hop(YamlNode node) {
        try {
            return TenantHop.parse(node.text("a hop " + TenantHop.FORM));
        } catch (IllegalArgumentException e) {
            throw node.error(e);
        }
    }

    static Edge edge(YamlNode node) {
        try {
            return Edge.parse(node.text("a relation " + Edge.FORM));
        } catch (IllegalArgumentException e) {
            throw node.error(e);
        }
    }
}

package dev.retentioncleanup.engine;

import dev.retentioncleanup.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads table contents for exact before/after comparisons. Test SQL only: names here are the tests' own. */
final class Tables {
    private Tables() {
    }

    /** The first column of every row as text, sorted (NULL as "null"), so lists compare regardless of scan order. */
    static List<String> column(TestDatabase db, String sql) {
        List<String> values = new ArrayList<>();
        for (List<Object> row : db.queryRows(sql)) {
            values.add(String.valueOf(row.get(0)));
        }
        values.sort(null);
        return values;
    }

    /**
     * An md5 of every row of every ordinary table in the given schemas, keyed by {@code schema.table}: equal maps
     * mean nothing was inserted, updated or deleted anywhere.
     */
    static Map<String, String> hashes(TestDatabase db, String... schemas) {
        Map<String, String> hashes = new TreeMap<>();
        for (String schema : schemas) {
            for (List<Object> row : db.queryRows("SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = '" + schema.replace("'", "''")
                    + "'")) {
                String table = (String) row.get(0);
                String sql = "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) || ':' || count(*) FROM "
                        + quote(schema) + "." + quote(table) + " AS t";
                hashes.put(schema + "." + table, (String) db.queryRows(sql).get(0).get(0));
            }
        }
        return hashes;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

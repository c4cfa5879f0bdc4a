package dev.retentioncleanup.db;

import java.util.List;

/** What the catalog tests read back from a {@link Catalog}. */
final class CatalogAssertions {
    private CatalogAssertions() {
    }

    /** The columns of the table's primary-key index, in key order; empty when it has none. */
    static List<String> primaryKey(Catalog catalog, TableName table) {
        return catalog.indexesOn(table).stream().filter(IndexInfo::primary).map(IndexInfo::columns).findFirst()
                .orElse(List.of());
    }
}

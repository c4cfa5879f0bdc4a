package dev.retentioncleanup.db;

import java.util.Comparator;
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

    /** The foreign keys declared on this (child) table, ordered by parent table then name. */
    static List<ForeignKey> foreignKeysOf(Catalog catalog, TableName child) {
        return catalog.tables().stream().flatMap(t -> catalog.referencing(t.name()).stream())
                .filter(fk -> fk.child().equals(child))
                .sorted(Comparator.comparing(ForeignKey::parent).thenComparing(ForeignKey::name)).toList();
    }
}

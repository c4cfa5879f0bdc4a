package dev.retentioncleanup.db;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of the user tables, foreign keys and indexes. Names are exact: callers fold
 * unquoted identifiers to lower case before asking, as PostgreSQL does.
 */
public final class Catalog {
    private static final Comparator<ForeignKey> FK_ORDER =
            Comparator.comparing(ForeignKey::child).thenComparing(ForeignKey::parent).thenComparing(ForeignKey::name);

    private final List<String> searchPath;
    private final Map<TableName, TableInfo> tables;
    private final Map<TableName, List<ForeignKey>> byParent;
    private final Map<TableName, List<IndexInfo>> indexes;

    /** For {@link CatalogReader}, and for tests of pure logic that need a catalog without a database. */
    public Catalog(List<String> searchPath, List<TableInfo> tables, List<ForeignKey> foreignKeys,
                   List<IndexInfo> indexes) {
        this.searchPath = List.copyOf(searchPath);
        this.tables = tables.stream().sorted(Comparator.comparing(TableInfo::name))
                .collect(Collectors.toMap(TableInfo::name, t -> t, (a, b) -> {
                    throw new IllegalArgumentException("duplicate table " + a.name());
                }, LinkedHashMap::new));
        this.byParent = foreignKeys.stream().sorted(FK_ORDER)
                .collect(Collectors.groupingBy(ForeignKey::parent, Collectors.toUnmodifiableList()));
        this.indexes = indexes.stream().sorted(Comparator.comparing(IndexInfo::name))
                .collect(Collectors.groupingBy(IndexInfo::table, Collectors.toUnmodifiableList()));
    }

    /** {@code current_schemas(false)} when read: existing schemas only, {@code pg_catalog} left out. */
    public List<String> searchPath() {
        return searchPath;
    }

    /** All tables, sorted by schema and name. */
    public List<TableInfo> tables() {
        return List.copyOf(tables.values());
    }

    public Optional<TableInfo> table(TableName name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** With a schema: that table if it exists. Without: the first schema on the search_path that has it. */
    public Optional<TableName> resolve(String schemaOrNull, String table) {
        Objects.requireNonNull(table, "table");
        if (schemaOrNull != null) {
            TableName name = new TableName(schemaOrNull, table);
            return tables.containsKey(name) ? Optional.of(name) : Optional.empty();
        }
        return searchPath.stream().map(s -> new TableName(s, table)).filter(tables::containsKey).findFirst();
    }

    /** Foreign keys whose parent (referenced table) is this table, ordered by child table then name. */
    public List<ForeignKey> referencing(TableName parent) {
        return byParent.getOrDefault(parent, List.of());
    }

    public List<IndexInfo> indexesOn(TableName table) {
        return indexes.getOrDefault(table, List.of());
    }

    /**
     * Whether a valid, non-partial btree index starts with exactly these columns, in any order among its
     * first {@code columns.size()} keys: such an index serves both {@code col = ANY(…)} look-ups and
     * keyset scans. Other access methods (BRIN, GIN, hash) cannot do both, so they do not count.
     */
    public boolean hasIndexLeadingWith(TableName table, List<String> columns) {
        if (columns.isEmpty()) {
            return false;
        }
        Set<String> wanted = Set.copyOf(columns);
        return indexesOn(table).stream()
                .filter(i -> i.valid() && !i.partial() && i.method().equals("btree"))
                .filter(i -> i.columns().size() >= columns.size())
                .anyMatch(i -> wanted.size() == columns.size()
                        && new HashSet<>(i.columns().subList(0, columns.size())).equals(wanted));
    }

    @Override
    public String toString() {
        return "Catalog[" + tables.size() + " tables, search_path=" + searchPath + "]";
    }
}

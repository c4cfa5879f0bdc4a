package dev.retentioncleanup.execute;

import dev.retentioncleanup.plan.TargetPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The target rows of one batch, in order: each row's key, its timestamp (the server's text, needed where the key is
 * unique only together with it) and its tenant. Bound as typed arrays for every statement of the batch.
 */
final class BatchRows {
    private record Row(String key, String timestamp, String tenant) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final boolean withTimestamp;

    /** @param withTimestamp the key is unique only together with the timestamp */
    BatchRows(boolean withTimestamp) {
        this.withTimestamp = withTimestamp;
    }

    void add(String key, String timestamp, String tenant) {
        rows.put(identity(key, timestamp), new Row(key, timestamp, tenant));
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    int size() {
        return rows.size();
    }

    /** For targets identified by their key alone (self-references are allowed on those only). */
    boolean containsKey(String key) {
        return rows.containsKey(identity(key, null));
    }

    /** For targets identified by their key alone. */
    void removeKeys(Collection<String> keys) {
        keys.forEach(k -> rows.remove(identity(k, null)));
    }

    String tenantOf(String key, String timestamp) {
        Row row = rows.get(identity(key, timestamp));
        return row == null ? null : row.tenant();
    }

    /** The first {@code count} rows by {@code order} of their keys (a key-only target's), as a batch of their own. */
    BatchRows firstBy(Comparator<String> order, int count) {
        BatchRows first = new BatchRows(withTimestamp);
        rows.values().stream().sorted(Comparator.comparing(Row::key, order)).limit(count)
                .forEach(r -> first.add(r.key(), r.timestamp(), r.tenant()));
        return first;
    }

    void removeAll(BatchRows other) {
        rows.keySet().removeAll(other.rows.keySet());
    }

    Map<String, Long> countByTenant() {
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.values().forEach(r -> counts.merge(r.tenant(), 1L, Long::sum));
        return counts;
    }

    /** {@code keys}, and {@code timestamps} where the key is unique only with the timestamp. */
    Map<String, Object> bind(Connection connection, TargetPlan target) throws SQLException {
        List<String> keys = new ArrayList<>(rows.size());
        rows.values().forEach(r -> keys.add(r.key()));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(Statements.KEYS, KeyArrays.of(connection, target.keyType(), keys));
        if (target.keyWithTimestamp()) {
            List<String> timestamps = new ArrayList<>(rows.size());
            rows.values().forEach(r -> timestamps.add(r.timestamp()));
            values.put(Statements.TIMESTAMPS, KeyArrays.of(connection, target.timestampKind().sqlName(), timestamps));
        }
        return values;
    }

    /**
     * The batch's values written into the statements ({@code COPY} takes no parameters): each array a quoted
     * literal of the server's own text of every element, cast to the column's type, so it reads back exactly.
     */
    Statements.BatchValues literals(TargetPlan target, int limit) {
        List<String> keys = new ArrayList<>(rows.size());
        List<String> timestamps = new ArrayList<>(rows.size());
        rows.values().forEach(r -> {
            keys.add(r.key());
            timestamps.add(r.timestamp());
        });
        return new Statements.BatchValues(arrayLiteral(keys, target.keyType()),
                target.keyWithTimestamp() ? arrayLiteral(timestamps, target.timestampKind().sqlName()) : null,
                DSL.inline(limit));
    }

    /** {@code cast('{"a","b"}' as type[])}: every element double-quoted, its backslashes and quotes escaped. */
    static Field<Object> arrayLiteral(List<String> values, String type) {
        StringBuilder text = new StringBuilder("{");
        for (String value : values) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return DSL.field("cast({0} as " + type + "[])", Object.class, DSL.inline(text.append('}').toString()));
    }

    /** The batch's keys, in order. */
    List<String> keys() {
        return rows.values().stream().map(Row::key).toList();
    }

    /** The tenants of the batch's rows. */
    Set<String> tenants() {
        Set<String> tenants = new LinkedHashSet<>();
        rows.values().forEach(r -> tenants.add(r.tenant()));
        return tenants;
    }

    /** Rows of a key-and-timestamp target are told apart by both; the timestamp is null for a key-only target. */
    private String identity(String key, String timestamp) {
        return withTimestamp ? key + '\u0000' + timestamp : key;
    }
}

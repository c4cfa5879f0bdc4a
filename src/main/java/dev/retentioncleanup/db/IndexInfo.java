package dev.retentioncleanup.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An index. {@code columns} are the key columns in order (INCLUDE columns left out); an expression key
 * is {@code null}. {@code method} is the access method ({@code btree}, {@code hash}, {@code brin}, …).
 */
public record IndexInfo(String name, TableName table, List<String> columns, boolean unique, boolean primary,
                        boolean partial, boolean valid, String method) {
    public IndexInfo {
        columns = Collections.unmodifiableList(new ArrayList<>(columns)); // List.copyOf rejects the nulls
    }
}

package dev.retentioncleanup.db;

import java.util.List;

/** A declared foreign key; column lists pair up by position. */
public record ForeignKey(String name, TableName child, List<String> childColumns, TableName parent,
                         List<String> parentColumns, OnDelete onDelete) {
    public ForeignKey {
        childColumns = List.copyOf(childColumns);
        parentColumns = List.copyOf(parentColumns);
        if (childColumns.size() != parentColumns.size() || childColumns.isEmpty()) {
            throw new IllegalArgumentException("foreign key " + name + " pairs " + childColumns + " with " + parentColumns);
        }
    }
}

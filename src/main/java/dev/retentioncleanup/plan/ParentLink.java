package dev.retentioncleanup.plan;

import dev.retentioncleanup.db.TableName;
import java.util.List;

/**
 * One way a table's rows hang off a parent inside the delete graph: {@code childColumns} of the
 * table reference {@code parentColumns} of {@code parent}. Declared foreign keys and undeclared
 * {@code extra_children} relations look the same here.
 */
public record ParentLink(List<String> childColumns, TableName parent, List<String> parentColumns, String origin) {
    public ParentLink {
        childColumns = List.copyOf(childColumns);
        parentColumns = List.copyOf(parentColumns);
        if (childColumns.isEmpty() || childColumns.size() != parentColumns.size()) {
            throw new IllegalArgumentException("link " + origin + " pairs " + childColumns + " with " + parentColumns);
        }
    }
}

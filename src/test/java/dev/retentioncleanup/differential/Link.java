package dev.retentioncleanup.differential;

import java.util.List;

/**
 * {@code childColumns} of table {@code child} reference {@code parentColumns} of {@code parent}: a declared foreign
 * key, or (declared false) an undeclared relation listed as {@code extra_children}.
 *
 * @param deferrable {@code ""} or the DEFERRABLE clause
 */
record Link(int id, String name, int child, List<String> childColumns, int parent, List<String> parentColumns,
        OnDelete onDelete, String deferrable, boolean declared) {

    boolean selfReference() {
        return child == parent;
    }
}

package dev.retentioncleanup.differential;

/** A foreign key's ON DELETE action. */
enum OnDelete {
    CASCADE("CASCADE"), RESTRICT("RESTRICT"), NO_ACTION("NO ACTION"), SET_NULL("SET NULL"), SET_DEFAULT("SET DEFAULT");

    final String sql;

    OnDelete(String sql) {
        this.sql = sql;
    }

    /** The contract: SET NULL / SET DEFAULT links are left to the database, their rows stay. */
    boolean followed() {
        return this != SET_NULL && this != SET_DEFAULT;
    }
}

package dev.retentioncleanup.differential;

/** The column types keys and references are made of. */
enum KeyType {
    INT("integer"), BIGINT("bigint"), TEXT("text"), UUID("uuid");

    final String sql;

    KeyType(String sql) {
        this.sql = sql;
    }
}

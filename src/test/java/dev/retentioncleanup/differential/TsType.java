package dev.retentioncleanup.differential;

/** The types a target's age column may have; each has its own eligibility rule in the contract. */
enum TsType {
    TIMESTAMPTZ("timestamp with time zone"), TIMESTAMP("timestamp without time zone"), DATE("date");

    final String sql;

    TsType(String sql) {
        this.sql = sql;
    }
}

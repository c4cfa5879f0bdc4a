package dev.retentioncleanup.plan;

import java.sql.SQLException;
import org.postgresql.core.Parser;

/** How many statements the driver will send for a piece of SQL text, by the driver's own (quote-aware) splitter. */
final class SqlStatements {
    private SqlStatements() {
    }

    static int count(String sql) {
        try {
            // standard_conforming_strings on (every supported server's default), no JDBC parameters, split statements
            return Parser.parseJdbcSql(sql, true, false, true, false, false).size();
        } catch (SQLException e) {
            return -1;
        }
    }
}

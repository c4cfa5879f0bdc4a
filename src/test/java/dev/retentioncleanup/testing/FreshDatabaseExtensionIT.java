package dev.retentioncleanup.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

// DroppedCheck is registered first, so its afterAll runs after the extension's (reverse order).
@ExtendWith({FreshDatabaseExtensionIT.DroppedCheck.class, FreshDatabaseExtension.class})
class FreshDatabaseExtensionIT {
    static TestDatabase fromBeforeAll;
    private final TestDatabase fromConstructor;
    private TestDatabase fromBeforeEach;

    FreshDatabaseExtensionIT(TestDatabase db) {
        this.fromConstructor = db;
    }

    @BeforeAll
    static void createSchema(TestDatabase db) {
        fromBeforeAll = db;
        db.execute("CREATE TABLE t (id bigint PRIMARY KEY, note text); INSERT INTO t VALUES (1, 'a;b'), (2, NULL)");
    }

    @BeforeEach
    void remember(TestDatabase db) {
        fromBeforeEach = db;
    }

    @Test
    void the_same_fresh_database_is_injected_everywhere(TestDatabase db) {
        assertThat(db).isSameAs(fromBeforeAll).isSameAs(fromConstructor).isSameAs(fromBeforeEach);
        assertThat(db.databaseName()).matches("rc_freshdatabaseextensionit_[0-9a-f]+");
        assertThat(db.queryLong("SELECT count(*) FROM t")).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM pg_database WHERE datname = current_database()")).isEqualTo(1);
        assertThat(db.queryRows("SELECT current_database()")).containsExactly(List.of(db.databaseName()));
    }

    @Test
    void query_rows_keep_order_types_and_nulls(TestDatabase db) {
        assertThat(db.queryRows("SELECT id, note FROM t ORDER BY id"))
                .containsExactly(List.of(1L, "a;b"), Arrays.asList(2L, null));
    }

    @Test
    void urls_reach_the_fresh_database(TestDatabase db) throws Exception {
        assertThat(db.jdbcUrl()).startsWith("jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.databaseName() + "?user=");
        assertThat(db.libpqUri()).startsWith("postgres://" + db.user()).endsWith("@" + db.host() + ":" + db.port() + "/" + db.databaseName());
        try (Connection c = db.connect()) {
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(c.getCatalog()).isEqualTo(db.databaseName());
        }
        try (Connection admin = DriverManager.getConnection(db.adminJdbcUrl()); Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    @Test
    void scripts_run_statement_by_statement_with_dollar_bodies(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path script = dir.resolve("schema.sql");
        Files.writeString(script, """
                -- a comment; with a semicolon
                CREATE TABLE s (id int);
                CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE plpgsql AS $$
                BEGIN
                    RETURN x + 1; -- inside the body
                END $$;
                /* outside CREATE INDEX CONCURRENTLY may not run in a transaction block; here each statement runs alone */
                CREATE INDEX CONCURRENTLY s_id ON s (id);
                INSERT INTO s SELECT add_one(41);
                """);
        db.runScript(script);
        assertThat(db.queryLong("SELECT id FROM s")).isEqualTo(42);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = 's_id'::regclass AND indisvalid")).isEqualTo(1);
    }

    @Nested
    class NestedClasses {
        @Test
        void share_the_enclosing_database(TestDatabase db) {
            assertThat(db).isSameAs(fromBeforeAll);
        }
    }

    /** Asserts, after FreshDatabaseExtension's afterAll, that the class's database is gone. */
    static final class DroppedCheck implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            if (context.getRequiredTestClass() != FreshDatabaseExtensionIT.class) {
                return;
            }
            try (Connection admin = DriverManager.getConnection(fromBeforeAll.adminJdbcUrl());
                 Statement st = admin.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + fromBeforeAll.databaseName() + "'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("database dropped after the class").isZero();
            }
        }
    }
}

package dev.retentioncleanup.db;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(FreshDatabaseExtension.class)
class ServerStateIT {
    @Test
    void a_primary_is_writable(TestDatabase db) throws Exception {
        int version = (int) db.queryLong("SELECT current_setting('server_version_num')::int");
        try (Connection c = db.connect()) {
            assertThat(ServerState.read(c)).isEqualTo(new ServerState(false, false));
        }
        assertThat(version).isGreaterThanOrEqualTo(120000);
    }

    @Test
    void a_database_made_read_only_by_default_is_not_writable(TestDatabase db) throws Exception {
        admin(db, "ALTER DATABASE " + db.databaseName() + " SET default_transaction_read_only = on");
        try (Connection c = db.connect()) {
            ServerState state = ServerState.read(c);
            assertThat(state.defaultReadOnly()).isTrue();
            assertThat(state.inRecovery()).isFalse();
            assertThat(state.writable()).isFalse();
            assertThat(state.notWritableReason()).isEqualTo("default_transaction_read_only is on for this database/role");
        } finally {
            // From the admin database: sessions in this one are now read-only themselves.
            admin(db, "ALTER DATABASE " + db.databaseName() + " RESET default_transaction_read_only");
        }
    }

    private static void admin(TestDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.adminJdbcUrl()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}

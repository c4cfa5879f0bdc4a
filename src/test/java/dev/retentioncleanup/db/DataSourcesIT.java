package dev.retentioncleanup.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(FreshDatabaseExtension.class)
class DataSourcesIT {
    private static ConnectionSettings settings(TestDatabase db) {
        ConnectionSettings base = ConnectionSettings.of(JdbcUrls.normalize(db.libpqUri()));
        return new ConnectionSettings(base.url(), base.user(), base.password(), base.connectTimeout(),
                Duration.ofSeconds(90), Duration.ofMillis(2500), Duration.ofMinutes(2));
    }

    private static List<String> sessionSettings(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT current_setting('application_name'), current_setting('statement_timeout'),"
                        + " current_setting('lock_timeout'), current_setting('idle_in_transaction_session_timeout'),"
                        + " pg_backend_pid()::text")) {
            rs.next();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                values.add(rs.getString(i));
            }
            return values;
        }
    }

    @Test
    void every_session_has_our_name_and_timeouts_also_after_a_reconnect(TestDatabase db) throws Exception {
        try (HikariDataSource ds = DataSources.open(settings(db), 2)) {
            assertThat(ds.getMaximumPoolSize()).isEqualTo(2);
            String firstPid;
            try (Connection c = ds.getConnection()) {
                List<String> s = sessionSettings(c);
                assertThat(s.subList(0, 4)).containsExactly("retention-cleanup", "90s", "2500ms", "2min");
                firstPid = s.get(4);
                db.execute("SELECT pg_terminate_backend(" + firstPid + ", 5000)");
                assertThatThrownBy(() -> sessionSettings(c))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
            }
            // Hikari saw 57P01, evicts the dead connection and opens a new physical one.
            try (Connection c = ds.getConnection()) {
                List<String> s = sessionSettings(c);
                assertThat(s.get(4)).isNotEqualTo(firstPid);
                assertThat(s.subList(0, 4)).containsExactly("retention-cleanup", "90s", "2500ms", "2min");
            }
        }
    }

    @Test
    void statement_timeout_is_enforced(TestDatabase db) throws Exception {
        try (HikariDataSource ds = DataSources.open(settings(db).withStatementTimeout(Duration.ofMillis(200)), 1);
             Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("SELECT pg_sleep(5)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        }
    }

    @Test
    void refused_port_fails_fast_with_one_line(TestDatabase db) throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        ConnectionSettings s = ConnectionSettings.of(JdbcUrls.normalize("postgres://alice:hunter2@127.0.0.1:" + freePort + "/app"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> DataSources.open(s, 2))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("cannot connect to PostgreSQL at 127.0.0.1:" + freePort + "/app as alice: Connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void missing_database_is_the_servers_reason(TestDatabase db) {
        ConnectionSettings s = ConnectionSettings.of(JdbcUrls.normalize(
                "postgres://" + db.user() + "@" + db.host() + ":" + db.port() + "/rc_no_such_db"));
        assertThatThrownBy(() -> DataSources.open(s, 2))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("cannot connect to PostgreSQL at " + db.host() + ":" + db.port() + "/rc_no_such_db as "
                        + db.user() + ": FATAL: database \"rc_no_such_db\" does not exist");
    }

    @Test
    void missing_role_and_a_role_that_may_not_log_in(TestDatabase db) {
        String where = db.host() + ":" + db.port() + "/" + db.databaseName();
        assertThatThrownBy(() -> DataSources.open(settings(db).withUser("rc_no_such_role"), 2))
                .hasMessage("cannot connect to PostgreSQL at " + where + " as rc_no_such_role: FATAL: role \"rc_no_such_role\" does not exist");

        String role = "rc_nologin_" + db.databaseName().substring(db.databaseName().lastIndexOf('_') + 1);
        db.execute("CREATE ROLE " + role + " NOLOGIN PASSWORD 'hunter2'");
        try {
            assertThatThrownBy(() -> DataSources.open(settings(db).withUser(role).withPassword("hunter2"), 2))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessage("cannot connect to PostgreSQL at " + where + " as " + role + ": FATAL: role \"" + role + "\" is not permitted to log in");
        } finally {
            db.execute("DROP ROLE " + role);
        }
    }

    @Test
    void unknown_host(TestDatabase db) {
        ConnectionSettings s = ConnectionSettings.of(JdbcUrls.normalize("postgres://alice@rc-no-such-host.invalid/app"));
        assertThatThrownBy(() -> DataSources.open(s, 2))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at rc-no-such-host.invalid:5432/app as alice: unknown host rc-no-such-host.invalid");
    }
}

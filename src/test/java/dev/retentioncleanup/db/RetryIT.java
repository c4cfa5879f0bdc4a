package dev.retentioncleanup.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(FreshDatabaseExtension.class)
class RetryIT {
    @Test
    void a_terminated_backend_is_retried_on_a_new_pooled_connection(TestDatabase db) throws Exception {
        List<Duration> slept = new ArrayList<>();
        Retry retry = new Retry(3, Retry.DEFAULT_BASE, Retry.DEFAULT_CAP, slept::add, () -> 0.0);
        AtomicInteger attempts = new AtomicInteger();
        List<Integer> pids = new ArrayList<>();
        try (HikariDataSource ds = DataSources.open(ConnectionSettings.of(JdbcUrls.normalize(db.libpqUri())), 2)) {
            int answer = retry.run("test work", () -> {
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    int pid = pid(st);
                    pids.add(pid);
                    if (attempts.incrementAndGet() == 1) {
                        // Killed from another session while this one holds the connection.
                        assertThat(db.queryRows("SELECT pg_terminate_backend(" + pid + ", 5000)")).containsExactly(List.of(true));
                    }
                    try (ResultSet rs = st.executeQuery("SELECT 42")) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            assertThat(answer).isEqualTo(42);
        }
        assertThat(attempts).hasValue(2);
        assertThat(pids).hasSize(2).doesNotHaveDuplicates();
        assertThat(slept).containsExactly(Duration.ofMillis(100));
    }

    private static int pid(Statement st) throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}

package dev.retentioncleanup.db;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTest {
    private final DbTarget target = JdbcUrls.normalize("postgres://alice:urlpass@h/app?connect_timeout=4");

    @Test
    void takes_credentials_and_connect_timeout_from_the_url_and_defaults_the_rest() {
        assertThat(ConnectionSettings.of(target)).isEqualTo(new ConnectionSettings(
                "jdbc:postgresql://h:5432/app?ApplicationName=retention-cleanup", "alice", "urlpass",
                Duration.ofSeconds(4), Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofMinutes(1)));
    }

    @Test
    void explicit_user_and_password_override_the_url_and_null_keeps_it() {
        ConnectionSettings s = ConnectionSettings.of(target).withUser("bob").withPassword("filepass");
        assertThat(s.user()).isEqualTo("bob");
        assertThat(s.password()).isEqualTo("filepass");
        assertThat(s.withUser(null).withPassword(null)).isEqualTo(s);
    }

    @Test
    void to_string_masks_the_password() {
        assertThat(ConnectionSettings.of(target).toString())
                .isEqualTo("ConnectionSettings[url=jdbc:postgresql://h:5432/app?ApplicationName=retention-cleanup, user=alice,"
                        + " password=****, connectTimeout=PT4S, statementTimeout=PT1M, lockTimeout=PT5S,"
                        + " idleInTransactionTimeout=PT1M]")
                .doesNotContain("urlpass");
    }

    @Test
    void rejects_negative_timeouts_and_a_zero_connect_timeout() {
        ConnectionSettings s = ConnectionSettings.of(target);
        assertThatThrownBy(() -> s.withLockTimeout(Duration.ofMillis(-1)))
                .hasMessage("lockTimeout must be at least PT0S, got PT-0.001S");
        assertThatThrownBy(() -> s.withConnectTimeout(Duration.ZERO))
                .hasMessage("connectTimeout must be at least PT0.001S, got PT0S");
        assertThat(s.withStatementTimeout(Duration.ZERO).statementTimeout()).isZero();
    }

    @Test
    void session_sql_and_driver_properties() {
        ConnectionSettings base = ConnectionSettings.of(target);
        ConnectionSettings s = new ConnectionSettings(base.url(), base.user(), base.password(),
                Duration.ofMillis(2500), Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ZERO);
        assertThat(DataSources.sessionSql(s)).isEqualTo(
                "SET statement_timeout = 1500; SET lock_timeout = 2000; SET idle_in_transaction_session_timeout = 0");
        assertThat(DataSources.driverProperties(s)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "connectTimeout", "3", "loginTimeout", "3", "tcpKeepAlive", "true", "socketTimeout", "32"));
        assertThat(DataSources.driverProperties(s.withStatementTimeout(Duration.ZERO))).doesNotContainKey("socketTimeout");
    }
}

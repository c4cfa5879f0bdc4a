package dev.retentioncleanup.db;

import dev.retentioncleanup.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcUrlsTest {
    private static final String APP = "ApplicationName=retention-cleanup";

    @Test
    void libpq_uri_with_everything() {
        DbTarget t = JdbcUrls.normalize("postgres://alice:s%40cr%2Ft@db.example.com:6543/app%20db"
                + "?sslmode=require&sslrootcert=/etc/ssl/ca.pem&application_name=psql&connect_timeout=7");
        assertThat(t).isEqualTo(new DbTarget(
                "jdbc:postgresql://db.example.com:6543/app%20db?sslmode=require&sslrootcert=%2Fetc%2Fssl%2Fca.pem&" + APP,
                "db.example.com", 6543, "app db", Optional.of("alice"), Optional.of("s@cr/t"),
                Optional.of(Duration.ofSeconds(7))));
    }

    @Test
    void postgresql_scheme_defaults_port_and_has_no_credentials() {
        DbTarget t = JdbcUrls.normalize("postgresql://localhost/app");
        assertThat(t).isEqualTo(new DbTarget("jdbc:postgresql://localhost:5432/app?" + APP, "localhost", 5432, "app",
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void jdbc_url_loses_credentials_and_application_name_keeps_other_parameters() {
        DbTarget t = JdbcUrls.normalize("jdbc:postgresql://10.0.0.5:5433/app?user=bob&password=pw&sslmode=verify-full"
                + "&ApplicationName=x&connectTimeout=3&tcpKeepAlive=true");
        assertThat(t).isEqualTo(new DbTarget("jdbc:postgresql://10.0.0.5:5433/app?sslmode=verify-full&tcpKeepAlive=true&" + APP,
                "10.0.0.5", 5433, "app", Optional.of("bob"), Optional.of("pw"), Optional.of(Duration.ofSeconds(3))));
    }

    @Test
    void ipv6_hosts_are_bracketed_in_the_url_but_not_in_host() {
        DbTarget withPort = JdbcUrls.normalize("postgres://u@[::1]:5433/app");
        assertThat(withPort.host()).isEqualTo("::1");
        assertThat(withPort.port()).isEqualTo(5433);
        assertThat(withPort.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/app?" + APP);
        assertThat(withPort.describe()).isEqualTo("[::1]:5433/app");
        assertThat(JdbcUrls.normalize("postgres://[2001:db8::1]/app").port()).isEqualTo(5432);
    }

    @Test
    void plus_is_literal_and_unencoded_at_and_slash_in_password_still_parse() {
        assertThat(JdbcUrls.normalize("postgres://u:a+b@h/d").password()).contains("a+b");
        DbTarget t = JdbcUrls.normalize("postgres://u:p@ss/w@h/d");
        assertThat(t.password()).contains("p@ss/w");
        assertThat(t.host()).isEqualTo("h");
        assertThat(t.database()).isEqualTo("d");
    }

    @Test
    void multi_host_and_target_session_attrs() {
        DbTarget t = JdbcUrls.normalize("postgresql://h1:5432,h2:5433/app?target_session_attrs=read-write");
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary&" + APP);
        assertThat(t.host()).isEqualTo("h1");
        assertThat(t.port()).isEqualTo(5432);
    }

    @Test
    void query_user_and_password_fill_in_but_do_not_override_user_info() {
        DbTarget t = JdbcUrls.normalize("postgres://carol@h/d?user=dave&password=x%26y");
        assertThat(t.user()).contains("carol");
        assertThat(t.password()).contains("x&y");
    }

    @Test
    void non_positive_connect_timeout_means_our_default() {
        assertThat(JdbcUrls.normalize("postgres://h/d?connect_timeout=0").connectTimeout()).isEmpty();
    }

    @Test
    void unknown_scheme_is_not_echoed() {
        assertThatThrownBy(() -> JdbcUrls.normalize("mysql://root:hunter2@h/d"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--db-url must start with postgres://, postgresql:// or jdbc:postgresql://");
    }

    @Test
    void errors_name_the_source_and_mask_the_password() {
        assertThatThrownBy(() -> JdbcUrls.normalize("postgres://alice:hunter2@h:54x/app", "DATABASE_URL"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DATABASE_URL: invalid port '54x' in postgres://alice:****@h:54x/app");
        assertThatThrownBy(() -> JdbcUrls.normalize("jdbc:postgresql://h/?user=a&password=hunter2"))
                .hasMessage("--db-url: no database name (…/dbname) in jdbc:postgresql://h/?user=a&password=****");
        assertThatThrownBy(() -> JdbcUrls.normalize("postgres://alice:hunter2%zz@h/app"))
                .hasMessage("--db-url: bad percent-encoding in password in postgres://alice:****@h/app");
        assertThatThrownBy(() -> JdbcUrls.normalize("  "))
                .hasMessage("--db-url is empty; expected postgres://user@host:port/db or jdbc:postgresql://host:port/db");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgres://alice:hunter2@h:0/app", "postgres://alice:hunter2@h:70000/app", "postgres://alice:hunter2@/app",
            "postgres://alice:hunter2@[::1/app", "postgres://alice:hunter2@h/app#frag", "postgres://alice:hunter2@h/app?novalue",
            "postgres://alice:hunter2@h/app?connect_timeout=soon", "postgres://alice:hunter2@h/app?target_session_attrs=odd",
            "jdbc:postgresql://h/app?password=hunter2&user=a&port=x%2", "postgres://alice:hunter2@h:5432,/app",
            "postgres://alice:p%20hunter2@h/%zz"})
    void no_bad_url_message_contains_the_password_or_a_line_break(String url) {
        assertThatThrownBy(() -> JdbcUrls.normalize(url))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("--db-url").doesNotContain("hunter2").doesNotContain("\n"));
    }

    @Test
    void target_to_string_masks_the_password() {
        assertThat(JdbcUrls.normalize("postgres://alice:hunter2@h/app").toString())
                .isEqualTo("DbTarget[jdbcUrl=jdbc:postgresql://h:5432/app?" + APP
                        + ", user=alice, password=****, connectTimeout=<default>]");
    }
}

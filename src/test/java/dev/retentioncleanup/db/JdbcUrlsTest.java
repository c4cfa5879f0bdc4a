package dev.retentioncleanup.db;

import dev.retentioncleanup.url.BadUrlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcUrlsTest {
    private static final String APP = "ApplicationName=retention-cleanup";
    private static final String BAD_PORT = "a port is not a number from 1 to 65535 (percent-encode @ / ? # in a password)";
    private static final String RAW_SLASH = "'/' in a password and '@' after the host must be percent-encoded (%2F, %40)";
    private static final String NO_DATABASE = "no database name (…/dbname; percent-encode @ / ? # in a password)";

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
    void plus_is_literal_and_raw_at_question_hash_colon_in_a_password_parse_by_the_last_at() {
        assertThat(JdbcUrls.normalize("postgres://u:a+b@h/d").password()).contains("a+b");
        DbTarget t = JdbcUrls.normalize("postgres://u:p@s?s#:w@h:6543/d?sslmode=require");
        assertThat(t).isEqualTo(new DbTarget("jdbc:postgresql://h:6543/d?sslmode=require&" + APP, "h", 6543, "d",
                Optional.of("u"), Optional.of("p@s?s#:w"), Optional.empty()));
    }

    @Test
    void the_percent_encoded_form_of_every_special_character_parses() {
        DbTarget t = JdbcUrls.normalize("postgres://u:%3F%23%40%2F%3A%25@h/d");
        assertThat(t.password()).contains("?#@/:%");
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d?" + APP);
    }

    @Test
    void a_jdbc_url_has_no_user_info_so_its_password_parameter_may_hold_raw_at_and_slash() {
        DbTarget t = JdbcUrls.normalize("jdbc:postgresql://h/d?user=a&password=p@s/s?#");
        assertThat(t.password()).contains("p@s/s?#");
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d?" + APP);
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

    /** Messages say what is wrong and quote nothing: a raw password may sit in any part of a URL. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mysql://root:hunter2@h/d                          | must start with postgres://, postgresql:// or jdbc:postgresql://",
            "'  '                                              | is empty; expected postgres://user@host:port/db or jdbc:postgresql://host:port/db",
            "postgres://alice:hunter2@h:54x/app                | " + BAD_PORT,
            "postgres://alice:hunter2@h:0/app                  | " + BAD_PORT,
            "postgres://alice:hunter2@h:70000/app              | " + BAD_PORT,
            "postgres://alice:hunter/2@h/app                   | " + RAW_SLASH,
            "postgres://alice:hunter2@h/app?options=a@b        | " + RAW_SLASH,
            "postgres://alice:hunter2@/app                     | no host (Unix sockets are not supported; use host=127.0.0.1)",
            "postgres://alice:hunter2@h:5432,/app              | empty host",
            "postgres://alice:hunter2@[::1/app                 | unclosed '[' in an IPv6 host",
            "postgres://alice:hunter2@[::1]x/app               | unexpected text after an IPv6 host",
            "postgres://alice:hunter2@h                        | " + NO_DATABASE,
            "jdbc:postgresql://h/?user=a&password=hunter2      | " + NO_DATABASE,
            "postgres://alice:hunter2@h/app?novalue            | a query parameter is not name=value",
            "postgres://alice:hunter2@h/app?connect_timeout=x  | connect_timeout must be a whole number of seconds",
            "postgres://alice:hunter2@h/app?target_session_attrs=odd | target_session_attrs must be read-write, primary, read-only, standby, prefer-standby or any",
            "postgres://alice:hunter2%zz@h/app                 | bad percent-encoding in the password",
            "postgres://alice:hunter2@h/%zz                    | bad percent-encoding in the database name",
            "jdbc:postgresql://h/app?password=hunter2%2        | bad percent-encoding in the query"})
    void bad_urls_are_refused_without_quoting_them(String url, String message) {
        assertThatThrownBy(() -> JdbcUrls.normalize(url)).isInstanceOf(BadUrlException.class).hasMessage(message);
    }

    @Test
    void target_to_string_masks_the_password() {
        assertThat(JdbcUrls.normalize("postgres://alice:hunter2@h/app").toString())
                .isEqualTo("DbTarget[jdbcUrl=jdbc:postgresql://h:5432/app?" + APP
                        + ", user=alice, password=****, connectTimeout=<default>]");
    }
}

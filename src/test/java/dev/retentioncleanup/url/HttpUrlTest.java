package dev.retentioncleanup.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpUrlTest {
    @Test
    void user_info_becomes_credentials_and_leaves_the_uri() {
        HttpUrl url = HttpUrl.parse("HTTPS://push:s3cr@t?#@gw.example:9091/prefix?x=1");

        assertThat(url).isEqualTo(new HttpUrl(URI.create("https://gw.example:9091/prefix?x=1"),
                Optional.of(new Credentials("push", "s3cr@t?#"))));
        assertThat(url.describe()).isEqualTo("https://gw.example:9091");
        assertThat(url.toString()).isEqualTo("https://gw.example:9091");
        assertThat(HttpUrl.parse("http://gw/").credentials()).isEmpty();
        assertThat(HttpUrl.parse("http://gw/").describe()).isEqualTo("http://gw");
    }

    @Test
    void explicit_credentials_win_over_the_url_and_fill_in_what_it_lacks() {
        HttpUrl url = HttpUrl.parse("http://urluser:urlpass@gw:9091");

        assertThat(url.withCredentials(null, null)).isSameAs(url);
        assertThat(url.withCredentials(null, "filepass").credentials()).contains(new Credentials("urluser", "filepass"));
        assertThat(url.withCredentials("flaguser", null).credentials()).contains(new Credentials("flaguser", "urlpass"));
        assertThat(HttpUrl.parse("http://gw").withCredentials(null, "p").credentials()).contains(new Credentials("", "p"));
    }

    @Test
    void plus_path_appends_to_the_path_and_keeps_the_credentials() {
        HttpUrl url = HttpUrl.parse("http://u:p@gw:9091/base/").plusPath("/metrics/job/x%20y");

        assertThat(url).isEqualTo(new HttpUrl(URI.create("http://gw:9091/base/metrics/job/x%20y"),
                Optional.of(new Credentials("u", "p"))));
    }

    @Test
    void credentials_never_show_the_password() {
        assertThat(new Credentials("u", "hunter2").toString()).isEqualTo("Credentials[user=u, password=***]");
        assertThat(new Credentials("Aladdin", "open sesame").basicAuthorization())
                .isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="); // RFC 7617's example
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pushgateway:9091                  | not an http:// or https:// URL",
            "ftp://u:hunter2@h/                | not an http:// or https:// URL",
            "http://u:hunter2@/metrics         | no host in the URL",
            "http://u:hunter2@h/a b            | not a valid URL: Illegal character in path",
            "http://u:hunter2%zz@h             | bad percent-encoding in the password"})
    void errors_say_what_is_wrong_and_quote_nothing(String text, String message) {
        assertThatThrownBy(() -> HttpUrl.parse(text)).isInstanceOf(BadUrlException.class).hasMessage(message);
    }
}

package dev.retentioncleanup.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserInfoTest {
    @Test
    void the_last_at_ends_the_user_info_so_raw_at_question_hash_and_colon_stay_in_the_password() {
        assertThat(UserInfo.split("u:p@ss?#:w@h:5432/d?x=1"))
                .isEqualTo(new UserInfo(Optional.of("u"), Optional.of("p@ss?#:w"), "h:5432/d?x=1"));
    }

    @Test
    void percent_encoded_user_info_is_decoded_and_plus_is_a_plus() {
        assertThat(UserInfo.split("a%40b:p%40s%2Fs%3F%23+x@h/d"))
                .isEqualTo(new UserInfo(Optional.of("a@b"), Optional.of("p@s/s?#+x"), "h/d"));
    }

    @Test
    void no_user_info_leaves_everything_in_rest() {
        assertThat(UserInfo.split("h:1/d?a=b")).isEqualTo(new UserInfo(Optional.empty(), Optional.empty(), "h:1/d?a=b"));
        assertThat(UserInfo.split("u@h/d")).isEqualTo(new UserInfo(Optional.of("u"), Optional.empty(), "h/d"));
    }

    /** A raw '/' cannot be told from the path; refused with a message that quotes nothing of the URL. */
    @ParameterizedTest
    @ValueSource(strings = {"u:pa/ss@h/d", "u:pw@h/d?options=a@b", "h/d?sslpassword=x@y"})
    void an_at_after_the_first_slash_is_refused(String afterScheme) {
        assertThatThrownBy(() -> UserInfo.split(afterScheme)).isInstanceOf(BadUrlException.class)
                .hasMessage("'/' in a password and '@' after the host must be percent-encoded (%2F, %40)");
    }

    @Test
    void bad_percent_encoding_names_the_part_only() {
        assertThatThrownBy(() -> UserInfo.split("u:secret%zz@h/d")).isInstanceOf(BadUrlException.class)
                .hasMessage("bad percent-encoding in the password");
        assertThatThrownBy(() -> UserInfo.split("u%4:x@h/d")).hasMessage("bad percent-encoding in the user name");
    }

    @Test
    void redact_hides_the_user_info_password_and_password_parameters() {
        assertThat(UserInfo.redact("postgres://app:p@ss?#w@db:5432/app?sslmode=require&password=x"))
                .isEqualTo("postgres://app:***@db:5432/app?sslmode=require&password=***");
        assertThat(UserInfo.redact("jdbc:postgresql://db/app?user=a&password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/app?user=a&password=***&ssl=true");
        assertThat(UserInfo.redact("http://h:9091")).isEqualTo("http://h:9091");
        assertThat(UserInfo.redact("postgres://u:pa/ss@h/d")).isEqualTo("***");
        assertThat(UserInfo.redact("u:secret@h")).isEqualTo("***");
        assertThat(UserInfo.redact(null)).isNull();
    }
}

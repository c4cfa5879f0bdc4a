package dev.retentioncleanup.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScriptTest {
    @Test
    void splits_on_top_level_semicolons_only() {
        assertThat(SqlScript.split("""
                SELECT 'a;b', E'it\\'s;', "x;y" FROM t; -- c;d
                /* e; /* nested; */ f; */ SELECT 2;
                CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
                DO $$ BEGIN PERFORM 1; END $$;
                PREPARE p AS SELECT $1::int;
                ;;
                """)).containsExactly(
                "SELECT 'a;b', E'it\\'s;', \"x;y\" FROM t",
                "-- c;d\n/* e; /* nested; */ f; */ SELECT 2",
                "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
                "DO $$ BEGIN PERFORM 1; END $$",
                "PREPARE p AS SELECT $1::int");
    }

    @Test
    void doubled_quotes_and_trailing_statement_without_semicolon() {
        assertThat(SqlScript.split("SELECT 'it''s;'; SELECT 3")).containsExactly("SELECT 'it''s;'", "SELECT 3");
    }

    @Test
    void comment_only_text_has_no_statements() {
        assertThat(SqlScript.split("-- nothing\n/* here */\n")).isEmpty();
    }

    @Test
    void unterminated_dollar_body_is_an_error() {
        assertThatThrownBy(() -> SqlScript.split("DO $$ BEGIN")).hasMessage("unterminated $$ body");
    }
}

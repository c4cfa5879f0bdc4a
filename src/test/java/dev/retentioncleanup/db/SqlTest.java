package dev.retentioncleanup.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class SqlTest {
    private final Query query = DSL.select(DSL.field(DSL.name("t", "a")))
            .from(DSL.table(DSL.name("s", "t?")).as("t"))
            .where(DSL.condition("{0} = any({1})", DSL.field(DSL.name("t", "a")), Sql.param("keys")))
            .and(DSL.field(DSL.name("t", "b")).eq(DSL.val("fixed")))
            .and(DSL.condition("{0} <> all({1})", DSL.field(DSL.name("t", "c")), Sql.param("keys")));

    @Test
    void placeholdersTakeTheirValuesInTheOrderJooqBindsThem() {
        Sql sql = Sql.of(query);

        assertThat(sql.text()).isEqualTo("select \"t\".\"a\" from \"s\".\"t?\" as \"t\" where ((\"t\".\"a\" = any(?))"
                + " and \"t\".\"b\" = ? and (\"t\".\"c\" <> all(?)))");
        assertThat(sql.parameters()).containsExactly("keys", "keys");
        assertThat(sql.values(Map.of("keys", "K", "unused", 1))).containsExactly("K", "fixed", "K");
    }

    @Test
    void aParameterWithoutAValueIsRefusedBeforeAnythingRuns() {
        assertThatIllegalArgumentException().isThrownBy(() -> Sql.of(query).values(Map.of()))
                .withMessageStartingWith("no value for parameter keys of select");
    }

    @Test
    void aValueIsNeverRenderedIntoTheText() {
        Sql.Untyped hostile = new Sql.Untyped("x'); DROP TABLE t; --");

        String inline = Sql.POSTGRES.renderInlined(DSL.select(DSL.val(hostile, Sql.VALUE), Sql.param("p")));

        assertThat(inline).isEqualTo("select ?, ?");
    }

    @Test
    void aPlainStatementCarriesTheUsersSqlAsWritten() {
        String users = "select 1 as tenant where '{\"a\": 1}'::jsonb ? 'a' and $${0}$$ <> '' -- {1}\n";

        Sql sql = Sql.plain(DSL.select(DSL.field(DSL.name("q", "tenant"))).from(DSL.table("({0})", DSL.raw(users)).as("q")));

        assertThat(sql.text()).isEqualTo("select \"q\".\"tenant\" from (" + users + ") as \"q\"");
        assertThatIllegalArgumentException().isThrownBy(() -> Sql.plain(query));
    }
}

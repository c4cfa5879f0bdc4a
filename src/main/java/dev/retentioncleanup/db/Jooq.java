package dev.retentioncleanup.db;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The one jOOQ context every statement is built with: PostgreSQL dialect, every identifier quoted, schemas
 * rendered. jOOQ is a SQL builder here only; nothing executes through it.
 */
public final class Jooq {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    public static final DSLContext POSTGRES = DSL.using(SQLDialect.POSTGRES,
            new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS).withRenderSchema(true));

    private Jooq() {
    }

    /**
     * jOOQ's first use is slow, its class initialisation above all (its data-type registry covers every dialect;
     * figures in docs/performance.md), and each new kind of query part costs a little more. Rendering one query with the parts our statements use, on a daemon
     * thread at launch, overlaps that with option parsing, config loading and connecting instead of delaying the
     * first statement of a run; a caller that gets there first just waits for the class initialisation.
     */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(Jooq::renderSample, "jooq-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static void renderSample() {
        Field<Object> a = DSL.field(DSL.name("t", "a"));
        Field<Object> b = DSL.field(DSL.name("t", "b"));
        Table<?> t = DSL.table(DSL.name("s", "t")).as("t");
        Table<?> pairs = DSL.table("unnest({0}, {1})", DSL.param("x"), DSL.param("y")).as("c", "k", "v");
        POSTGRES.render(DSL.select(a, DSL.cast(b, SQLDataType.CLOB).as("n"), DSL.count())
                .from(t.join(pairs).on(DSL.field(DSL.name("c", "k")).eq(a)))
                .where(DSL.row(a, b).gt(DSL.param("p"), DSL.param("q")))
                .and(DSL.condition("{0} = any({1})", a, DSL.param("z")))
                .and(b.in(DSL.select(a).from(t).unionAll(DSL.select(b).from(t))))
                .groupBy(a, b).orderBy(a).limit(DSL.param("l", SQLDataType.INTEGER))
                .forUpdate().of(t).skipLocked());
        POSTGRES.render(POSTGRES.deleteFrom(t).where(a.eq(DSL.param("k"))));
    }
}

package dev.retentioncleanup.db;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

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
     * jOOQ's first use costs about 0.8 s of class initialisation (its data-type registry covers every dialect).
     * Started on a daemon thread at launch, it overlaps with option parsing, config loading and connecting
     * instead of delaying the first statement of a run; a caller that gets there first just waits for it.
     */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(() -> POSTGRES.render(
                DSL.select(DSL.field(DSL.name("t", "c"))).from(DSL.table(DSL.name("s", "t")))), "jooq-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}

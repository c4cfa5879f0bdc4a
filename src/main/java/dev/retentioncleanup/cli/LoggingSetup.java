package dev.retentioncleanup.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.retentioncleanup.observe.JsonLogEncoder;
import org.slf4j.LoggerFactory;

/** Applies -q/-v/-vv and --log-format to the Logback setup in logback.xml. */
final class LoggingSetup {
    private LoggingSetup() {
    }

    static void apply(int verbosity, Boolean json) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Level ours = verbosity < 0 ? Level.WARN : verbosity == 0 ? Level.INFO : verbosity == 1 ? Level.DEBUG : Level.TRACE;
        context.getLogger("dev.retentioncleanup").setLevel(ours);
        // Quiet by default (logback.xml): its broken-connection warning is a stack trace, not a line.
        context.getLogger("com.zaxxer.hikari.pool.ProxyConnection").setLevel(verbosity >= 1 ? Level.WARN : Level.ERROR);
        if (verbosity >= 2) {
            context.getLogger("com.zaxxer.hikari").setLevel(Level.DEBUG);
            context.getLogger("org.jooq").setLevel(Level.DEBUG);
        }
        if (json != null) {
            useJson(context, json);
        }
    }

    /** Whether log lines are JSON now, so the one-line failure message can be JSON too. */
    static boolean json() {
        return json;
    }

    private static volatile boolean json;

    /** Switches both ways: in-process runs (tests) share one Logback context. */
    private static void useJson(LoggerContext context, boolean on) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender("STDERR") instanceof ConsoleAppender<ILoggingEvent> appender)) {
            json = false;
            return;
        }
        json = on;
        if (on == (appender.getEncoder() instanceof JsonLogEncoder)) {
            return;
        }
        Encoder<ILoggingEvent> encoder;
        if (on) {
            encoder = new JsonLogEncoder();
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(TEXT_PATTERN);
            encoder = text;
        }
        encoder.setContext(context);
        encoder.start();
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
    }

    /** As in logback.xml. */
    private static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %msg%n";
}

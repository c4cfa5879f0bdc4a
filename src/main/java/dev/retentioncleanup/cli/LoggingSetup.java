package dev.retentioncleanup.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
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
        if (verbosity >= 2) {
            context.getLogger("com.zaxxer.hikari").setLevel(Level.DEBUG);
            context.getLogger("org.jooq").setLevel(Level.DEBUG);
        }
        if (Boolean.TRUE.equals(json)) {
            useJson(context);
        }
    }

    private static void useJson(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender("STDERR") instanceof ConsoleAppender<ILoggingEvent> appender)) {
            return;
        }
        JsonLogEncoder encoder = new JsonLogEncoder();
        encoder.setContext(context);
        encoder.start();
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
    }
}

package dev.retentioncleanup.cli;

import dev.retentioncleanup.ExitCode;
import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.db.DatabaseUnavailableException;
import dev.retentioncleanup.result.Outcome;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The one place where errors become exit codes and one-line messages (stack traces only with -v). */
final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("retention-cleanup: " + ex.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        ExitCode code = Outcome.of(ex).exitCode();
        if (LoggingSetup.json()) {
            // --log-format json promises one JSON object per stderr line, the last word included.
            var line = LoggerFactory.getLogger("dev.retentioncleanup.cli").atError().addKeyValue("event", "failed")
                    .addKeyValue("exit_code", code.code());
            (verbose(parseResult) ? line.setCause(ex) : line).log(messageOf(ex));
            return code.code();
        }
        PrintWriter err = cmd.getErr();
        err.println("retention-cleanup: " + messageOf(ex));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        } else if (code == ExitCode.FAILED && !(ex instanceof DatabaseUnavailableException)) {
            err.println("(run with -v for the stack trace)");
        }
        err.flush();
        return code.code();
    }

    static String messageOf(Throwable ex) {
        OutOfMemoryError outOfMemory = outOfMemory(ex);
        if (outOfMemory != null) {
            return "out of memory (" + outOfMemory.getMessage() + "): failed, exit " + ExitCode.FAILED.code()
                    + "; only whole batches were committed, so a re-run continues, but give the JVM more heap first"
                    + " (-Xmx in JAVA_OPTS or JAVA_TOOL_OPTIONS)";
        }
        if (ex instanceof ConfigException || ex instanceof DatabaseUnavailableException) {
            return ex.getMessage();
        }
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /** The out-of-memory error behind {@code ex} (itself, or a cause of it), or null. */
    static OutOfMemoryError outOfMemory(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError e) {
                return e;
            }
        }
        return null;
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("-v")) {
                return true;
            }
        }
        return false;
    }
}

package dev.retentioncleanup.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.retentioncleanup.ExitCode;
import dev.retentioncleanup.config.ConfigException;
import java.lang.management.ManagementFactory;
import org.slf4j.LoggerFactory;

/**
 * Out-of-memory, in any thread, ends the process at once with exit 1 and one line that says so.
 *
 * <p>Why not the JVM's {@code -XX:+ExitOnOutOfMemoryError}: it exits with 3 before any of our code runs, and 3 is
 * this tool's "stopped by a guard, safe to re-run", which schedulers and monitors treat as no failure, so a run
 * that can never fit its heap would look healthy forever. A run therefore refuses to start under that option.
 * Exiting at once (halt, no shutdown hooks) is what that option did and still right: after an out-of-memory no
 * code can be trusted to finish, and only whole batches were ever committed; the server rolls back the one in
 * flight when the connection drops.
 */
public final class OutOfMemoryExit {
    static final String JVM_OPTION = "ExitOnOutOfMemoryError";
    /** Needs no allocation beyond the string literal, for when even the message cannot be built. */
    private static final String FALLBACK = "retention-cleanup: out of memory: failed, exit 1";

    private OutOfMemoryExit() {
    }

    /** For the whole process: an uncaught out-of-memory halts with exit 1; other uncaught errors print as before. */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (FailureHandler.outOfMemory(e) != null) {
                halt(e);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace(System.err);
            }
        });
    }

    private static void halt(Throwable e) {
        try {
            String message = FailureHandler.messageOf(e);
            if (LoggingSetup.json()) {
                // --log-format json promises one JSON object per stderr line, this one included.
                LoggerFactory.getLogger("dev.retentioncleanup.cli").atError().addKeyValue("event", "failed")
                        .addKeyValue("exit_code", ExitCode.FAILED.code()).log(message);
            } else {
                System.err.println("retention-cleanup: " + message);
            }
        } catch (Throwable again) {
            System.err.println(FALLBACK);
        } finally {
            System.err.flush();
            Runtime.getRuntime().halt(ExitCode.FAILED.code());
        }
    }

    /**
     * @throws ConfigException when the JVM was started with {@code -XX:+ExitOnOutOfMemoryError}, which would turn an
     *                         out-of-memory into exit 3; nothing is touched yet
     */
    static void refuseJvmExitOnOutOfMemory() {
        if (jvmExitsOnOutOfMemory()) {
            throw new ConfigException("the JVM option -XX:+" + JVM_OPTION + " is set (JAVA_OPTS, JAVA_TOOL_OPTIONS):"
                    + " on out-of-memory it exits 3, which means 'stopped by a guard, safe to re-run'; remove it or add"
                    + " -XX:-" + JVM_OPTION + " after it: retention-cleanup itself exits 1 on out-of-memory");
        }
    }

    /** False on a JVM without the option (not HotSpot): it cannot exit 3 on its own then. */
    private static boolean jvmExitsOnOutOfMemory() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot != null && "true".equals(hotSpot.getVMOption(JVM_OPTION).getValue());
        } catch (IllegalArgumentException notThisJvm) {
            return false;
        }
    }
}

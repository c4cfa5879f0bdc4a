package dev.retentioncleanup.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The throwaway cluster of {@code scripts/test-db.sh} in {@code RETENTION_TESTDB_DIR}, for tests that must
 * control the server itself. CI sets the variable (scripts/test.sh); elsewhere such tests are skipped.
 */
final class TestCluster {
    static final String DIR_ENV = "RETENTION_TESTDB_DIR";

    private final Path dir;

    private TestCluster(Path dir) {
        this.dir = dir;
    }

    /** Skips the test unless the variable is set; fails when it names another server than the test database's. */
    static TestCluster require(TestDatabase db) throws IOException {
        String dir = System.getenv(DIR_ENV);
        Assumptions.assumeTrue(dir != null && !dir.isBlank(), DIR_ENV + " is not set: no cluster this test may restart");
        TestCluster cluster = new TestCluster(Path.of(dir).toAbsolutePath());
        Path served = Path.of((String) db.queryRows("SHOW data_directory").get(0).get(0)).toRealPath();
        assertThat(served).as("RETENTION_TEST_JDBC_URL must point at the cluster in " + DIR_ENV)
                .isEqualTo(cluster.dir.resolve("data").toRealPath());
        return cluster;
    }

    /** {@code scripts/test-db.sh restart}: fast shutdown (sessions terminated), start, wait until ready. */
    void restart() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of("scripts", "test-db.sh").toAbsolutePath().toString(), "restart")
                .redirectErrorStream(true);
        builder.environment().put(DIR_ENV, dir.toString());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("scripts/test-db.sh restart did not finish in 120s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("scripts/test-db.sh restart: " + output).isZero();
    }
}

package dev.retentioncleanup.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out-of-memory is a failure, exit 1, never 3 ("stopped by a guard, safe to re-run"), which is what the JVM's own
 * -XX:+ExitOnOutOfMemoryError exits with, and what the deployed JVM options gave before. The workload: a million
 * tenants, whose policies do not fit a 32 MB heap.
 */
@ExtendWith(FreshDatabaseExtension.class)
class OutOfMemoryIT {
    private static final String OUT_OF_MEMORY = "retention-cleanup: out of memory (Java heap space): failed, exit 1;"
            + " only whole batches were committed, so a re-run continues, but give the JVM more heap first";

    private static final String CONFIG = Path.of("examples/retention.yml").toAbsolutePath().toString();

    @TempDir
    static Path dir;

    @BeforeAll
    static void aMillionTenants(TestDatabase db) {
        db.runScript(Path.of("sql/example/schema.sql"));
        db.execute("""
                INSERT INTO organizations (id, name, retention_days) SELECT g, 'org ' || g, 30
                FROM generate_series(1, 1000000) g;
                INSERT INTO domains (id, organization_id, name) VALUES (1, 1, 'a.example');
                INSERT INTO outgoing_emails (domain_id, message_id, from_address, subject, status, created_at)
                SELECT 1, 'm' || e, 'n@a.example', 's', 'delivered', now() - interval '60 days'
                FROM generate_series(1, 10) e;
                """);
    }

    /** The Kubernetes CronJob's JAVA_TOOL_OPTIONS as deployed, with the heap made too small for the workload. */
    @Test
    void theDeployedJvmOptionsExit1WithOneLineOnOutOfMemory(TestDatabase db) throws Exception {
        String deployed = deployedJavaToolOptions();
        String tooSmall = deployed.replaceAll("-Xms\\S+", "-Xms16m").replaceAll("-Xmx\\S+", "-Xmx32m");
        assertThat(tooSmall).contains("-Xmx32m").doesNotContain("192m");

        CliResult run = CliRunner.runJar(Duration.ofMinutes(2), List.of(), Map.of("JAVA_TOOL_OPTIONS", tooSmall),
                "run", "--config", CONFIG, "--db-url", db.jdbcUrl(), "--report",
                dir.resolve("oom.json").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(OUT_OF_MEMORY).doesNotContain("Terminating due to java.lang.OutOfMemoryError")
                .doesNotContain("\tat ");
        assertThat(db.queryLong("SELECT count(*) FROM outgoing_emails")).as("nothing deleted").isEqualTo(10);
    }

    @Test
    void aRunRefusesTheJvmsOwnExitOnOutOfMemory(TestDatabase db) {
        CliResult run = CliRunner.runJar(Duration.ofMinutes(2), List.of("-XX:+ExitOnOutOfMemoryError"), Map.of(),
                "run", "--config", CONFIG, "--db-url", db.jdbcUrl());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("retention-cleanup: the JVM option -XX:+ExitOnOutOfMemoryError is set"
                + " (JAVA_OPTS, JAVA_TOOL_OPTIONS): on out-of-memory it exits 3, which means 'stopped by a guard, safe"
                + " to re-run'; remove it or add -XX:-ExitOnOutOfMemoryError after it");
        assertThat(db.queryLong("SELECT count(*) FROM outgoing_emails")).as("nothing deleted").isEqualTo(10);
    }

    private static String deployedJavaToolOptions() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = yaml.getFactory().createParser(Path.of("deploy/kubernetes/cronjob.yaml").toFile())) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        for (JsonNode doc : docs) {
            if (doc != null && "CronJob".equals(doc.path("kind").asText())) {
                for (JsonNode env : doc.at("/spec/jobTemplate/spec/template/spec/containers/0/env")) {
                    if ("JAVA_TOOL_OPTIONS".equals(env.path("name").asText())) {
                        return env.path("value").asText();
                    }
                }
            }
        }
        throw new AssertionError("no JAVA_TOOL_OPTIONS in deploy/kubernetes/cronjob.yaml");
    }
}

package dev.retentioncleanup.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.retentioncleanup.cli.Cli;
import dev.retentioncleanup.config.ConfigLoader;
import dev.retentioncleanup.config.MonitoringSettings;
import dev.retentioncleanup.config.RetentionConfig;
import dev.retentioncleanup.config.RunSettings;
import dev.retentioncleanup.config.Settings;
import dev.retentioncleanup.config.Shard;
import dev.retentioncleanup.config.Sources;
import dev.retentioncleanup.guard.GuardRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy/ examples say what the docs promise, and their flags and config keys exist. */
class DeployFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CRONJOB = Path.of("deploy/kubernetes/cronjob.yaml");
    private static final Path INDEXED = Path.of("deploy/kubernetes/indexed-cronjob.yaml");

    private static List<JsonNode> documents(Path file) throws Exception {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isEmpty()) {
                    docs.add(d);
                }
            });
            return docs;
        }
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    private static List<Integer> exitCodes(JsonNode jobSpec, String action) {
        List<Integer> codes = new ArrayList<>();
        for (JsonNode rule : jobSpec.path("podFailurePolicy").path("rules")) {
            if (rule.path("action").asText().equals(action) && rule.has("onExitCodes")) {
                assertThat(rule.path("onExitCodes").path("operator").asText()).isEqualTo("In");
                assertThat(rule.path("onExitCodes").path("containerName").asText()).isEqualTo("retention-cleanup");
                rule.path("onExitCodes").path("values").forEach(v -> codes.add(v.asInt()));
            }
        }
        return codes;
    }

    private static List<String> args(JsonNode cronJob) {
        JsonNode container = cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0");
        assertThat(container.path("name").asText()).isEqualTo("retention-cleanup");
        return StreamSupport.stream(container.path("args").spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode env(JsonNode cronJob, String name) {
        JsonNode container = cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0");
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static void assertRunnable(JsonNode cronJob, Duration maxRuntime) {
        JsonNode spec = cronJob.path("spec");
        assertThat(spec.path("concurrencyPolicy").asText()).isEqualTo("Forbid");
        assertThat(spec.path("startingDeadlineSeconds").asInt()).isPositive();
        JsonNode job = spec.at("/jobTemplate/spec");
        assertThat(job.path("activeDeadlineSeconds").asLong()).isGreaterThan(maxRuntime.toSeconds());
        assertThat(exitCodes(job, "FailJob")).containsExactlyInAnyOrder(2, 6);
        assertThat(exitCodes(job, "Ignore")).containsExactly(4);
        JsonNode pod = job.at("/template/spec");
        assertThat(pod.path("restartPolicy").asText()).isEqualTo("Never");
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThan(20 + 30); // grace + heartbeat
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        JsonNode container = pod.at("/containers/0");
        String javaOptions = StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals("JAVA_TOOL_OPTIONS")).findFirst().orElseThrow()
                .path("value").asText();
        assertThat(javaOptions).contains("-Xmx192m");
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("320Mi");
        assertThat(StreamSupport.stream(pod.path("volumes").spliterator(), false).map(v -> v.fieldNames().next() + ":"
                + (v.has("configMap") ? "configMap" : v.has("secret") ? "secret" : "other")))
                .contains("name:configMap", "name:secret");
        // Every flag exists: picocli parses the args exactly as the container would pass them.
        Cli.commandLine().parseArgs(args(cronJob).toArray(String[]::new));
    }

    @Test
    void the_cronjob_is_ready_to_schedule_and_its_config_loads(@TempDir Path dir) throws Exception {
        List<JsonNode> docs = documents(CRONJOB);
        Path config = dir.resolve("retention.yml");
        Files.writeString(config, kind(docs, "ConfigMap").at("/data/retention.yml").asText());
        RetentionConfig loaded = ConfigLoader.load(config);
        Sources sources = new Sources(Stream.concat(Settings.all().stream(), GuardRegistry.settings().stream()).toList(),
                Map.of(), Map.of("RETENTION_DB_URL", "postgres://u@h/db"), loaded);
        RunSettings settings = RunSettings.resolve(sources);
        assertThat(MonitoringSettings.resolve(sources).auditTable().table()).isEqualTo("retention_audit");

        JsonNode cronJob = kind(docs, "CronJob");
        assertRunnable(cronJob, settings.maxRuntime());
        assertThat(args(cronJob)).contains("--db-password-file=/var/run/secrets/retention-cleanup/password");
    }

    @Test
    void the_indexed_variant_gives_each_pod_its_shard() throws Exception {
        JsonNode cronJob = kind(documents(INDEXED), "CronJob");
        assertRunnable(cronJob, Duration.ofHours(2));
        JsonNode job = cronJob.at("/spec/jobTemplate/spec");
        assertThat(job.path("completionMode").asText()).isEqualTo("Indexed");
        int completions = job.path("completions").asInt();
        String shardArg = args(cronJob).stream().filter(a -> a.startsWith("--shard=")).findFirst().orElseThrow();
        assertThat(shardArg).isEqualTo("--shard=$(JOB_COMPLETION_INDEX)/" + completions);
        for (int index = 0; index < completions; index++) {
            Shard shard = Shard.parse(shardArg.substring("--shard=".length())
                    .replace("$(JOB_COMPLETION_INDEX)", Integer.toString(index)));
            assertThat(shard.index()).isEqualTo(index);
            assertThat(shard.count()).isEqualTo(completions);
        }
        JsonNode heartbeat = env(cronJob, "RETENTION_HEARTBEAT_URL");
        assertThat(heartbeat.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("heartbeat-url-sharded");
    }

    @Test
    void the_crontab_line_uses_existing_flags() throws Exception {
        String line = Files.readAllLines(Path.of("deploy/crontab.example")).stream()
                .filter(l -> l.matches("^[0-9*].*")).findFirst().orElseThrow(); // the schedule line
        String[] fields = line.trim().split("\\s+");
        assertThat(fields[5]).isEqualTo("retention"); // /etc/cron.d format: the sixth field is the user
        List<String> command = List.of(fields);
        int at = command.indexOf("/usr/local/bin/retention-cleanup");
        List<String> args = command.subList(at + 1, command.indexOf(">>/var/log/retention-cleanup/run.log"));
        Cli.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(args).contains("--max-runtime");
    }

    @Test
    void the_image_builds_in_two_stages_and_runs_as_non_root() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("deploy/Dockerfile"));
        assertThat(lines.stream().filter(l -> l.startsWith("FROM "))).containsExactly(
                "FROM maven:3.9-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre");
        assertThat(lines).contains("USER 10001:10001")
                .anySatisfy(l -> assertThat(l).startsWith("ENTRYPOINT [\"java\", \"-jar\""));
    }

    /** The JVM's own exit on out-of-memory is 3, a guard stop; a run refuses it (OutOfMemoryIT). */
    @Test
    void no_deployment_asks_the_jvm_to_exit_3_on_out_of_memory() throws Exception {
        for (Path file : List.of(Path.of("deploy/Dockerfile"), CRONJOB, INDEXED)) {
            List<String> settings = Files.readAllLines(file).stream().filter(l -> !l.strip().startsWith("#")).toList();
            assertThat(settings).as(file.toString()).isNotEmpty()
                    .noneSatisfy(l -> assertThat(l).contains("+ExitOnOutOfMemoryError"))
                    .anySatisfy(l -> assertThat(l).contains("-XX:+UseSerialGC"));
        }
    }
}

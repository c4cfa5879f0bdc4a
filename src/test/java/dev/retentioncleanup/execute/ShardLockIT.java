package dev.retentioncleanup.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shards of an Indexed Job run in parallel: a shard's lock must not make the other shards skip (exit 4). */
@ExtendWith(FreshDatabaseExtension.class)
class ShardLockIT {
    private static final String CONFIG = Path.of("examples/retention.yml").toAbsolutePath().toString();

    @BeforeAll
    static void schema(TestDatabase db) {
        db.runScript(Path.of("sql/example/schema.sql"));
        db.execute("INSERT INTO organizations (id, name, retention_days) VALUES (1, 'a', 30), (2, 'b', 30)");
    }

    @Test
    void a_shard_holding_its_lock_blocks_only_itself(TestDatabase db) throws Exception {
        List<String> identity = List.of("public.organizations", "public.outgoing_emails");
        try (Connection holder = db.connect();
                PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, AdvisoryLock.keyFor(List.of(identity.get(0), identity.get(1), "shard 0/2")));
            lock.execute();

            CliResult other = CliRunner.run("run", "--config", CONFIG, "--db-url", db.jdbcUrl(), "--shard", "1/2");
            CliResult same = CliRunner.run("run", "--config", CONFIG, "--db-url", db.jdbcUrl(), "--shard", "0/2");

            assertThat(other.exitCode()).as(other.err()).isZero();
            assertThat(same.exitCode()).as(same.err()).isEqualTo(4);
        }
        try (Connection holder = db.connect();
                PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, AdvisoryLock.keyFor(identity)); // an unsharded run keeps its key
            lock.execute();
            assertThat(CliRunner.run("run", "--config", CONFIG, "--db-url", db.jdbcUrl()).exitCode()).isEqualTo(4);
        }
    }
}

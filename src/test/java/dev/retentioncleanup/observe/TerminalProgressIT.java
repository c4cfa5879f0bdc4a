package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** On a terminal (a pty from script(1)) progress is one line redrawn in place, cleared before the summary. */
@ExtendWith(FreshDatabaseExtension.class)
class TerminalProgressIT {
    @Test
    void a_terminal_gets_a_live_line(TestDatabase db, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) for a pty");
        ObserveFixture.createSchema(db);
        ObserveFixture.seed(db);
        db.execute("INSERT INTO outgoing_emails (id, domain_id, message_id, from_address, subject, status, created_at) "
                + "SELECT e, 1, 'p' || e, 'n@x.example', 's', 'delivered', now() - interval '50 days' "
                + "FROM generate_series(100, 159) AS e");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", List.of(java, "-jar", CliRunner.jar().toAbsolutePath().toString(), "run",
                "--config", ObserveFixture.CONFIG.toString(), "--db-url", "'" + db.jdbcUrl() + "'",
                "--batch-size", "1", "--sleep", "50ms"));
        Path typescript = dir.resolve("typescript");
        Process process = new ProcessBuilder("/usr/bin/script", "-qfec", command, typescript.toString())
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true)
                .redirectOutput(dir.resolve("script.out").toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        String screen = Files.readString(typescript, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(screen).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM outgoing_emails")).isEqualTo(ObserveFixture.SURVIVING_EMAILS);
        Matcher drawn = Pattern.compile("\r\033\\[Kdeleted ([0-9,]+) rows, [0-9,]+ rows/s, table public\\.[a-z_]+, running")
                .matcher(screen);
        assertThat(drawn.find()).as(screen).isTrue();
        assertThat(screen).contains("\r\033[K" + "20");  // cleared, then the log's next line (a timestamp) follows
        assertThat(screen.lines().filter(l -> l.contains("progress:"))).isEmpty(); // no log lines on a terminal
    }
}

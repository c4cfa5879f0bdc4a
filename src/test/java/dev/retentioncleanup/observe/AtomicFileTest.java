package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void writesExactlyTheGivenPermissionsWhateverTheTempFileHad() throws IOException {
        Path prom = dir.resolve("collector/retention.prom");
        Path report = dir.resolve("report.json");

        AtomicFile.write(prom, "a 1\n", AtomicFile.WORLD_READABLE);
        AtomicFile.write(report, "{}\n", AtomicFile.OWNER_ONLY);

        assertThat(Files.readString(prom)).isEqualTo("a 1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prom))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).isEqualTo("rw-------");
        try (var left = Files.list(prom.getParent())) {
            assertThat(left).containsExactly(prom);
        }
    }

    @Test
    void aWritableDirectoryOrOneStillToBeCreatedUnderItIsFineAndIsNotCreatedByTheCheck() throws IOException {
        assertThat(AtomicFile.unwritable(dir.resolve("report.json"))).isEmpty();
        assertThat(AtomicFile.unwritable(dir.resolve("a/b/report.json"))).isEmpty();
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aParentThatIsAFileOrATargetThatIsADirectoryIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");

        assertThat(AtomicFile.unwritable(file.resolve("sub/report.json"))).contains(file + " is not a directory");
        assertThat(AtomicFile.unwritable(dir)).contains(dir + " is a directory");
    }

    @Test
    void aDirectoryWithoutWritePermissionIsNamed() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThat(AtomicFile.unwritable(locked.resolve("x/report.json")))
                    .contains("cannot create files in " + locked + ": permission denied");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}

package dev.retentioncleanup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArchiveStoreTest extends ArchiveStoreContract {
    @TempDir
    Path root;

    private LocalArchiveStore store;

    @Override
    ArchiveStore store() {
        if (store == null) {
            store = new LocalArchiveStore(root.resolve("archive"));
        }
        return store;
    }

    @Test
    void locationIsTheAbsoluteDirectory() {
        assertThat(new LocalArchiveStore(Path.of("rel/../archive")).location())
                .isEqualTo(Path.of("").toAbsolutePath().resolve("archive").toString());
    }

    @Test
    void putCreatesTheDirectoriesAndLeavesNoPartialFile() throws IOException {
        Path source = Files.writeString(root.resolve("source"), "rows");
        store().put("20261202T122553Z-3f9a0c/000017/public.emails.csv.gz", source);
        try (Stream<Path> files = Files.walk(root.resolve("archive"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> root.resolve("archive").relativize(p).toString()))
                    .containsExactly("20261202T122553Z-3f9a0c/000017/public.emails.csv.gz");
        }
        assertThat(Files.readString(root.resolve("archive/20261202T122553Z-3f9a0c/000017/public.emails.csv.gz")))
                .isEqualTo("rows");
        assertThat(source).exists(); // copied, not moved: the caller owns its spool file
    }

    @Test
    void aPartialFileLeftByACrashIsListed() throws IOException {
        Files.createDirectories(root.resolve("archive/run/000001"));
        Files.writeString(root.resolve("archive/run/000001/public.t.csv.gz.partial"), "half");
        assertThat(store().list("run/")).containsExactly("run/000001/public.t.csv.gz.partial");
    }

    @Test
    void checkWritableCreatesAMissingDirectory() throws IOException {
        store().checkWritable();
        assertThat(root.resolve("archive")).isEmptyDirectory();
    }

    @Test
    void checkReadableNamesAMissingDirectory() {
        assertThatThrownBy(() -> store().checkReadable())
                .hasMessage("archive directory " + root.resolve("archive") + " does not exist");
    }

    @Test
    void checkWritableNamesADirectoryThatIsAFile() throws IOException {
        Files.writeString(root.resolve("archive"), "not a directory");
        assertThatThrownBy(() -> store().checkWritable())
                .hasMessageStartingWith("archive directory " + root.resolve("archive") + " is not writable: ");
    }

    @Test
    void checkWritableNamesADirectoryWithoutWritePermission() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path locked = Files.createDirectory(root.resolve("archive"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThatThrownBy(() -> store().checkWritable()).hasMessageStartingWith("archive directory " + locked
                    + " is not writable: permission denied (" + locked.resolve(".probe-"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}

package dev.retentioncleanup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link ArchiveStore} does, run against each kind (a local directory, an S3 server). */
abstract class ArchiveStoreContract {
    @TempDir
    Path scratch;

    /** An empty store, closed by the subclass. */
    abstract ArchiveStore store();

    private Path file(String text) throws IOException {
        return Files.writeString(Files.createTempFile(scratch, "f", ".txt"), text);
    }

    private String read(String key) throws IOException {
        try (InputStream in = store().open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void putThenOpenGivesTheBytesBack() throws IOException {
        store().put("run-1/000001/public.emails.csv.gz", file("one"));
        assertThat(read("run-1/000001/public.emails.csv.gz")).isEqualTo("one");
    }

    @Test
    void putReplacesWhatIsThere() throws IOException {
        store().put("run-1/manifest.json", file("old"));
        store().put("run-1/manifest.json", file("new"));
        assertThat(read("run-1/manifest.json")).isEqualTo("new");
        assertThat(store().list("")).containsExactly("run-1/manifest.json");
    }

    @Test
    void listGivesEveryKeyUnderThePrefixSorted() throws IOException {
        for (String key : new String[] {"b/000002/x.csv.gz", "a/manifest.json", "b/000001/y.csv.gz", "b/manifest.json",
                "bb/manifest.json"}) {
            store().put(key, file(key));
        }
        assertThat(store().list("")).containsExactly("a/manifest.json", "b/000001/y.csv.gz", "b/000002/x.csv.gz",
                "b/manifest.json", "bb/manifest.json");
        assertThat(store().list("b/")).containsExactly("b/000001/y.csv.gz", "b/000002/x.csv.gz", "b/manifest.json");
        assertThat(store().list("b/000001/")).containsExactly("b/000001/y.csv.gz");
        assertThat(store().list("c/")).isEmpty();
    }

    @Test
    void openOfAMissingKeyIsNoSuchFile() {
        assertThatThrownBy(() -> store().open("run-1/manifest.json")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deleteRemovesAndToleratesAMissingKey() throws IOException {
        store().put("run-1/manifest.json", file("m"));
        store().delete("run-1/manifest.json");
        store().delete("run-1/manifest.json");
        store().delete("never/was.json");
        assertThat(store().list("")).isEmpty();
    }

    @Test
    void checksLeaveNothingBehind() throws IOException {
        store().checkWritable();
        store().checkReadable();
        assertThat(store().list("")).isEmpty();
    }

    @Test
    void keysThatLeaveTheStoreAreRefused() {
        for (String bad : new String[] {"../x", "a/../../x", "/abs", "a//b", "a/./b", "a\\b", "a/"}) {
            assertThatThrownBy(() -> store().put(bad, file("x"))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("bad archive key '" + bad + "'");
        }
    }
}

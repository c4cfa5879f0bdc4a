package dev.retentioncleanup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.retentioncleanup.archive.ArchiveProblem.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveVerifierTest {
    static final String RUN_A = "20261201T010000Z-00000a";
    static final String RUN_B = "20261202T010000Z-00000b";
    static final String EMAILS = "id,body,created_at\n1,hello,2026-01-01\n2,\"a, b\",2026-01-02\n"
            + "3,\"line\nbreak \"\"quoted\"\"\",2026-01-03\n";
    static final String LINKS = "id,email_id\n10,1\n11,1\n";

    @TempDir
    Path root;

    private LocalArchiveStore store;
    private ArchiveFixture fixture;
    private ManifestFile emails;

    @BeforeEach
    void archive() throws IOException {
        store = new LocalArchiveStore(root.resolve("archive"));
        fixture = new ArchiveFixture(store, Files.createDirectory(root.resolve("scratch")));
        emails = fixture.dataFile(RUN_A, 1, "public", "emails", EMAILS, 3);
        fixture.manifest(RUN_A, List.of(emails,
                fixture.dataFile(RUN_A, 1, "public", "links", LINKS, 2),
                fixture.dataFile(RUN_A, 2, "public", "emails", "id,body,created_at\n4,x,2026-01-04\n", 1)));
        fixture.manifest(RUN_B, List.of(fixture.dataFile(RUN_B, 1, "My Schema", "Odd.Table", "id\n7\n", 1)));
    }

    private ArchiveVerification verify() throws IOException {
        return ArchiveVerifier.verify(store, Optional.empty());
    }

    private Path file(String run, ManifestFile file) {
        return root.resolve("archive").resolve(run).resolve(file.path());
    }

    private long archiveBytes() throws IOException {
        long total = 0;
        for (String key : store.list("")) {
            total += key.endsWith(ArchiveLayout.DATA_SUFFIX) ? Files.size(root.resolve("archive").resolve(key)) : 0;
        }
        return total;
    }

    @Test
    void aSoundArchiveHasNoProblems() throws IOException {
        ArchiveVerification result = verify();
        assertThat(result.problems()).isEmpty();
        assertThat(result.runs()).isEqualTo(2);
        assertThat(result.files()).isEqualTo(4);
        assertThat(result.rows()).isEqualTo(7);
        assertThat(result.bytes()).isEqualTo(archiveBytes()).isPositive();
        assertThat(result.summary()).isEqualTo("verify-archive: 2 run(s), 4 file(s), 7 row(s), " + archiveBytes()
                + " byte(s) checked; 0 problem(s)");
    }

    @Test
    void aFlippedByteIsACorruptGzipWithAnotherChecksum() throws IOException {
        Path path = file(RUN_A, emails);
        byte[] bytes = Files.readAllBytes(path);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(path, bytes);
        List<ArchiveProblem> problems = verify().problems();
        assertThat(problems).extracting(ArchiveProblem::runId, ArchiveProblem::path, ArchiveProblem::kind)
                .containsExactly(
                        tuple(RUN_A, emails.path(), Kind.CHECKSUM_MISMATCH),
                        tuple(RUN_A, emails.path(), Kind.TRUNCATED_GZIP));
        assertThat(problems.get(0).message()).startsWith("sha256 ").endsWith("; the manifest says sha256 "
                + emails.sha256() + ", " + emails.bytes() + " bytes").contains(", " + emails.bytes() + " bytes;");
    }

    @Test
    void aTruncatedFileIsTruncatedGzip() throws IOException {
        Path path = file(RUN_A, emails);
        byte[] bytes = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(bytes, bytes.length - 10));
        ArchiveVerification result = verify();
        assertThat(result.problems()).extracting(ArchiveProblem::kind)
                .containsExactly(Kind.CHECKSUM_MISMATCH, Kind.TRUNCATED_GZIP);
        assertThat(result.problems().get(1).toString()).isEqualTo(RUN_A + "/000001/public.emails.csv.gz: truncated"
                + " or corrupt gzip: the gzip stream ends early (Unexpected end of ZLIB input stream)");
        assertThat(result.bytes()).isEqualTo(archiveBytes()); // what was there was read, to the end
    }

    @Test
    void aWrongRowCountInTheManifest() throws IOException {
        ManifestFile claimsFour = new ManifestFile(emails.path(), emails.table(), 1, 4, emails.bytes(), emails.sha256(),
                null, null, List.of());
        fixture.manifest(RUN_A, List.of(claimsFour));
        store.delete(RUN_A + "/000001/public.links.csv.gz");
        store.delete(RUN_A + "/000002/public.emails.csv.gz");
        assertThat(verify().problems()).extracting(Object::toString).containsExactly(RUN_A
                + "/000001/public.emails.csv.gz: row count mismatch: 3 CSV records; the manifest says 4");
    }

    @Test
    void aListedFileThatIsGone() throws IOException {
        Files.delete(file(RUN_A, emails));
        ArchiveVerification result = verify();
        assertThat(result.problems()).extracting(Object::toString).containsExactly(RUN_A
                + "/000001/public.emails.csv.gz: missing file: the manifest lists it (3 rows of public.emails) but the"
                + " archive has no such file");
        assertThat(result.files()).isEqualTo(3);
        assertThat(result.rows()).isEqualTo(4);
    }

    @Test
    void filesTheManifestDoesNotListAreInDoubt() throws IOException {
        fixture.dataFile(RUN_A, 3, "public", "emails", EMAILS, 3);
        fixture.raw(RUN_A + "/000004/public.emails.csv.gz.partial", "half");
        assertThat(verify().problems()).extracting(Object::toString).containsExactly(
                RUN_A + "/000003/public.emails.csv.gz: uncommitted leftover: not in the manifest: " + inDoubt(),
                RUN_A + "/000004/public.emails.csv.gz.partial: uncommitted leftover: not in the manifest: "
                        + inDoubt());
    }

    @Test
    void aRunWithoutManifestIsInDoubt() throws IOException {
        String run = "20261203T010000Z-00000c";
        fixture.dataFile(run, 1, "public", "emails", EMAILS, 3);
        ArchiveVerification result = verify();
        assertThat(result.problems()).extracting(Object::toString).containsExactly(run + "/manifest.json: no"
                + " manifest: the run has 1 file(s) but no manifest: " + inDoubt());
        assertThat(result.runs()).isEqualTo(3);
    }

    @Test
    void anUnreadableManifest() throws IOException {
        fixture.raw(ArchiveLayout.manifestKey(RUN_B), "{\"version\": 1, \"files\": [");
        List<ArchiveProblem> problems = verify().problems();
        assertThat(problems).extracting(ArchiveProblem::runId, ArchiveProblem::path, ArchiveProblem::kind)
                .containsExactly(tuple(RUN_B, "manifest.json", Kind.BAD_MANIFEST));
        assertThat(problems.get(0).message()).doesNotContain("\n").endsWith("(line 1)");
    }

    @Test
    void aManifestOfAnotherRun() throws IOException {
        fixture.manifest(RUN_A, List.of());
        store.put(ArchiveLayout.manifestKey("copied"), root.resolve("archive").resolve(ArchiveLayout.manifestKey(RUN_A)));
        assertThat(ArchiveVerifier.verify(store, Optional.of("copied")).problems()).extracting(Object::toString)
                .containsExactly("copied/manifest.json: bad manifest: run_id " + RUN_A + " is not its directory's name");
    }

    @Test
    void runIdLimitsTheCheckToThatRun() throws IOException {
        Files.delete(file(RUN_A, emails));
        ArchiveVerification onlyB = ArchiveVerifier.verify(store, Optional.of(RUN_B));
        assertThat(onlyB.problems()).isEmpty();
        assertThat(List.of(onlyB.runs(), onlyB.files(), onlyB.rows())).containsExactly(1, 1L, 1L);
        assertThat(ArchiveVerifier.verify(store, Optional.of(RUN_A)).problems()).extracting(ArchiveProblem::kind)
                .containsExactly(Kind.MISSING_FILE);
    }

    @Test
    void anUnknownRunIdIsAProblem() throws IOException {
        ArchiveVerification result = ArchiveVerifier.verify(store, Optional.of("20261202T010000Z"));
        assertThat(result.problems()).extracting(Object::toString).containsExactly("20261202T010000Z: unknown run: no"
                + " such run in " + root.resolve("archive"));
        assertThat(result.runs()).isZero();
    }

    @Test
    void verifyingChangesNothing() throws IOException {
        fixture.raw(RUN_A + "/000004/public.emails.csv.gz.partial", "half");
        Files.delete(file(RUN_A, emails));
        List<String> before = store.list("");
        verify();
        assertThat(store.list("")).isEqualTo(before);
    }

    private static String inDoubt() {
        return "in doubt: written by a batch that did not commit, or not yet reconciled; the next run reconciles it";
    }
}

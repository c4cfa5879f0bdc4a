package dev.retentioncleanup.archive;

import dev.retentioncleanup.archive.ArchiveProblem.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Checks an archive without a database and without changing it: every run (a first path segment of the store)
 * needs a manifest that parses; every file it lists must exist with the listed size, SHA-256 and CSV record count
 * (one streaming pass per file: digest, gunzip, count); every other file under the run is in doubt.
 */
public final class ArchiveVerifier {
    private ArchiveVerifier() {
    }

    /** @param runId only this run; one that the store does not hold is an {@link Kind#UNKNOWN_RUN} problem */
    public static ArchiveVerification verify(ArchiveStore store, Optional<String> runId) throws IOException {
        Map<String, Set<String>> runs = new LinkedHashMap<>();
        for (String key : store.list(runId.map(r -> r + "/").orElse(""))) {
            String run = ArchiveLayout.runOf(key);
            if (run != null) { // a file at the top (a write probe) belongs to no run
                runs.computeIfAbsent(run, r -> new LinkedHashSet<>()).add(key.substring(run.length() + 1));
            }
        }
        Tally tally = new Tally();
        if (runId.isPresent() && runs.isEmpty()) {
            tally.problems.add(new ArchiveProblem(runId.get(), null, Kind.UNKNOWN_RUN,
                    "no such run in " + store.location()));
        }
        for (Map.Entry<String, Set<String>> run : runs.entrySet()) {
            verifyRun(store, run.getKey(), run.getValue(), tally);
        }
        return new ArchiveVerification(runs.size(), tally.files, tally.rows, tally.bytes, tally.problems);
    }

    private static final class Tally {
        final List<ArchiveProblem> problems = new ArrayList<>();
        long files;
        long rows;
        long bytes;
    }

    /** @param paths every key under the run, relative to its directory, sorted */
    private static void verifyRun(ArchiveStore store, String run, Set<String> paths, Tally tally) throws IOException {
        if (!paths.contains(ArchiveLayout.MANIFEST)) {
            tally.problems.add(new ArchiveProblem(run, ArchiveLayout.MANIFEST, Kind.NO_MANIFEST,
                    "the run has " + paths.size() + " file(s) but no manifest: " + ArchiveProblem.IN_DOUBT));
            return;
        }
        Manifest manifest;
        try (InputStream in = store.open(ArchiveLayout.manifestKey(run))) {
            manifest = Manifests.read(in);
        } catch (Manifests.BadManifestException e) {
            tally.problems.add(new ArchiveProblem(run, ArchiveLayout.MANIFEST, Kind.BAD_MANIFEST, e.getMessage()));
            return;
        }
        if (!run.equals(manifest.runId())) {
            tally.problems.add(new ArchiveProblem(run, ArchiveLayout.MANIFEST, Kind.BAD_MANIFEST,
                    "run_id " + manifest.runId() + " is not its directory's name"));
        }
        Set<String> listed = new HashSet<>();
        for (ManifestFile file : manifest.files()) {
            listed.add(file.path());
            if (!paths.contains(file.path())) {
                tally.problems.add(new ArchiveProblem(run, file.path(), Kind.MISSING_FILE,
                        "the manifest lists it (" + file.rows() + " rows of " + file.table() + ") but the archive"
                                + " has no such file"));
            } else {
                verifyFile(store, run, file, tally);
            }
        }
        for (String path : paths) {
            if (!path.equals(ArchiveLayout.MANIFEST) && !listed.contains(path)) {
                tally.problems.add(new ArchiveProblem(run, path, Kind.UNCOMMITTED_LEFTOVER,
                        "not in the manifest: " + ArchiveProblem.IN_DOUBT));
            }
        }
    }

    private static void verifyFile(ArchiveStore store, String run, ManifestFile file, Tally tally)
            throws IOException {
        Sha256.Reading in;
        try {
            in = new Sha256.Reading(store.open(run + "/" + file.path()));
        } catch (NoSuchFileException e) {
            tally.problems.add(new ArchiveProblem(run, file.path(), Kind.MISSING_FILE, "gone while verifying"));
            return;
        }
        List<ArchiveProblem> found = new ArrayList<>();
        Long records = null;
        try (in) {
            try {
                // Not closed on its own: that would close the digesting stream before it is drained.
                records = CsvRecords.count(new GZIPInputStream(in, 64 * 1024));
            } catch (EOFException | ZipException e) {
                found.add(new ArchiveProblem(run, file.path(), Kind.TRUNCATED_GZIP, oneLine(e)));
            } catch (CsvRecords.MalformedCsvException e) {
                found.add(new ArchiveProblem(run, file.path(), Kind.ROW_COUNT_MISMATCH, e.getMessage()));
            }
            in.drain(); // the digest covers every byte, also those after a gzip error
        }
        String sha256 = in.hex();
        if (!sha256.equals(file.sha256()) || in.bytes() != file.bytes()) {
            found.add(0, new ArchiveProblem(run, file.path(), Kind.CHECKSUM_MISMATCH, "sha256 " + sha256 + ", "
                    + in.bytes() + " bytes; the manifest says sha256 " + file.sha256() + ", " + file.bytes()
                    + " bytes"));
        }
        if (records != null && records != file.rows()) {
            found.add(new ArchiveProblem(run, file.path(), Kind.ROW_COUNT_MISMATCH, records + " CSV records; the"
                    + " manifest says " + file.rows()));
        }
        tally.problems.addAll(found);
        tally.files++;
        tally.rows += records == null ? 0 : records;
        tally.bytes += in.bytes();
    }

    private static String oneLine(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof EOFException ? "the gzip stream ends early (" + message + ")"
                : message.lines().findFirst().orElse("");
    }
}

package dev.retentioncleanup.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.archive.Manifest;
import dev.retentioncleanup.archive.ManifestFile;
import dev.retentioncleanup.archive.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * Tables' rows as text, and an archive directory's rows loaded into copies of the tables: what tests compare to
 * tell that the archive holds exactly the rows a run deleted.
 */
public final class ArchiveContents {
    private ArchiveContents() {
    }

    /** Each table's rows as their row text; {@code prefix} names copies ({@code arch_}) of the tables. */
    public static Map<String, List<String>> rows(TestDatabase db, List<String> tables, String prefix) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : tables) {
            List<String> texts = new ArrayList<>();
            db.queryRows("SELECT t::text FROM " + prefix + table + " t").forEach(r -> texts.add((String) r.get(0)));
            rows.put(table, texts);
        }
        return rows;
    }

    /** The rows of {@code all} that {@code some} does not have, as multisets. */
    public static List<String> minus(List<String> all, List<String> some) {
        List<String> rest = new ArrayList<>(all);
        some.forEach(rest::remove);
        return rest;
    }

    public static Manifest manifest(Path archive, String runId) {
        try (InputStream in = Files.newInputStream(archive.resolve(runId).resolve("manifest.json"))) {
            return Manifests.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runs with a directory in the archive. */
    public static List<String> runs(Path archive) {
        try (Stream<Path> dirs = Files.list(archive)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every file the manifests of {@code runs} list, into {@code arch_<table>} (public tables, created like the
     * table), each file's row count checked against its manifest entry.
     */
    public static void load(TestDatabase db, Path archive, List<String> runs, List<String> tables) {
        for (String table : tables) {
            db.execute("DROP TABLE IF EXISTS arch_" + table + "; CREATE TABLE arch_" + table + " (LIKE " + table + ")");
        }
        try (Connection connection = db.connect()) {
            for (String runId : runs) {
                for (ManifestFile file : manifest(archive, runId).files()) {
                    String table = file.table().substring("public.".length());
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive.resolve(runId)
                            .resolve(file.path())))) {
                        long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                                .copyIn("COPY arch_" + table + " FROM STDIN WITH (FORMAT csv, HEADER)", in);
                        assertThat(copied).as("rows of %s/%s", runId, file.path()).isEqualTo(file.rows());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

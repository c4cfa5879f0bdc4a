package dev.retentioncleanup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestsTest {
    private static final Manifest MANIFEST = new Manifest(1, "20261202T122553Z-3f9a0c", "db.example:5432/app",
            "0f".repeat(32), Instant.parse("2026-12-02T12:25:53.123Z"),
            List.of(new Manifest.Cutoff("42", "2026-09-03 00:00:00+00")),
            List.of(new ManifestFile("000017/public.emails.csv.gz", "public.emails", 17, 3, 120, "ab".repeat(32), "10",
                    "12", List.of("42", "43")),
                    new ManifestFile("000018/public.links.csv.gz", "public.links", 18, 0, 20, "cd".repeat(32), null,
                            null, List.of())));

    private static String json(Manifest manifest) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Manifests.write(manifest, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Manifest read(String json) throws IOException {
        return Manifests.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void roundTrips() throws IOException {
        assertThat(read(json(MANIFEST))).isEqualTo(MANIFEST);
    }

    @Test
    void writesSnakeCaseNamesInOrderAndIsoInstants() throws IOException {
        String json = json(MANIFEST);
        assertThat(json).startsWith("{\n  \"version\" : 1,\n  \"run_id\" : \"20261202T122553Z-3f9a0c\",\n"
                + "  \"database\" : \"db.example:5432/app\",\n  \"config_sha256\" : \"" + "0f".repeat(32) + "\",\n"
                + "  \"started_at\" : \"2026-12-02T12:25:53.123Z\",\n  \"cutoffs\" : [ {\n"
                + "    \"tenant\" : \"42\",\n    \"cutoff\" : \"2026-09-03 00:00:00+00\"\n  } ],\n  \"files\" : [ {\n"
                + "    \"path\" : \"000017/public.emails.csv.gz\",\n    \"table\" : \"public.emails\",\n"
                + "    \"batch\" : 17,\n    \"rows\" : 3,\n    \"bytes\" : 120,\n    \"sha256\" : \"" + "ab".repeat(32)
                + "\",\n    \"key_min\" : \"10\",\n    \"key_max\" : \"12\",\n    \"tenants\" : [ \"42\", \"43\" ]\n");
        assertThat(json).contains("\"key_min\" : null,\n    \"key_max\" : null,\n    \"tenants\" : [ ]\n");
    }

    @Test
    void ignoresUnknownFieldsAndLeavesTheStreamOpen() throws IOException {
        String json = json(MANIFEST).replaceFirst("\\{", "{\"written_by\": {\"tool\": \"a later version\"},");
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThat(Manifests.read(in)).isEqualTo(MANIFEST);
        assertThat(closed[0]).as("closed by read").isFalse();
    }

    @Test
    void refusesAnotherVersion() throws IOException {
        String json = json(MANIFEST).replace("\"version\" : 1", "\"version\" : 2");
        assertThatThrownBy(() -> read(json)).isInstanceOf(Manifests.BadManifestException.class)
                .hasMessage("manifest version 2 is not supported (expected 1)");
    }

    @Test
    void aBadInstantIsAnError() throws IOException {
        String json = json(MANIFEST).replace("2026-12-02T12:25:53.123Z", "yesterday");
        assertThatThrownBy(() -> read(json)).isInstanceOf(Manifests.BadManifestException.class)
                .hasMessageContaining("yesterday").hasMessageEndingWith("(line 6)");
    }

    @Test
    void aFileWithoutPathIsBad() {
        assertThatThrownBy(() -> read("{\"version\": 1, \"files\": [{\"rows\": 1}]}"))
                .isInstanceOf(Manifests.BadManifestException.class).hasMessage("files[0] has no path");
    }

    @Test
    void missingListsAreEmpty() throws IOException {
        Manifest manifest = read("{\"version\": 1, \"run_id\": \"r\"}");
        assertThat(manifest.files()).isEmpty();
        assertThat(manifest.cutoffs()).isEmpty();
        assertThat(Arrays.asList(manifest.database(), manifest.startedAt())).containsOnlyNulls();
    }
}

package dev.retentioncleanup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchiveLayoutTest {
    private static final String RUN = "0b7c1f9e-5d2a-4c3b-9e8f-1a2b3c4d5e6f";

    @Test
    void keysOfARun() {
        assertThat(ArchiveLayout.manifestKey(RUN)).isEqualTo(RUN + "/manifest.json");
        ArchiveLayout.DataKey key = ArchiveLayout.dataKey(RUN, 17, "public", "emails");
        assertThat(key.key()).isEqualTo(RUN + "/000017/public.emails.csv.gz");
        assertThat(key.path()).isEqualTo("000017/public.emails.csv.gz");
        assertThat(ArchiveLayout.parseDataKey(key.key())).contains(new ArchiveLayout.DataKey(RUN, 17,
                "public.emails.csv.gz"));
        assertThat(ArchiveLayout.dataKey(RUN, 1234567, "s", "t").path()).isEqualTo("1234567/s.t.csv.gz");
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource(delimiter = '|', value = {
        "public       | outgoing_emails  | public.outgoing_emails.csv.gz",
        "My Schema    | Order-Items      | My%20Schema.Order-Items.csv.gz",
        "a.b          | c.d              | a%2Eb.c%2Ed.csv.gz",
        "s/x          | ../t             | s%2Fx.%2E%2E%2Ft.csv.gz",
        "größe        | 100%             | gr%C3%B6%C3%9Fe.100%25.csv.gz",
        "'a+b'        | '\"q\"'          | a%2Bb.%22q%22.csv.gz",
    })
    void oddNamesMakeSafeUnambiguousFileNames(String schema, String table, String fileName) {
        assertThat(ArchiveLayout.dataKey(RUN, 1, schema, table).fileName()).isEqualTo(fileName);
        assertThat(ArchiveLayout.tableOf(fileName)).isEqualTo(new ArchiveLayout.Table(schema, table));
        assertThat(ArchiveLayout.tableOf(fileName).toString()).isEqualTo(schema + "." + table);
    }

    @Property(tries = 300)
    void anyNameRoundTrips(@ForAll @StringLength(max = 12) String schema, @ForAll @StringLength(max = 12) String table,
            @ForAll @LongRange(max = 10_000_000) long batch) {
        // jqwik's strings include unpaired surrogates, which no identifier (nor UTF-8) holds
        Assume.that(schema.chars().noneMatch(c -> Character.isSurrogate((char) c))
                && table.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        ArchiveLayout.DataKey key = ArchiveLayout.dataKey(RUN, batch, schema, table);
        assertThat(key.fileName()).matches("[A-Za-z0-9_%-]*\\.[A-Za-z0-9_%-]*\\.csv\\.gz");
        assertThat(ArchiveLayout.parseDataKey(key.key())).contains(key);
        assertThat(ArchiveLayout.tableOf(key.fileName())).isEqualTo(new ArchiveLayout.Table(schema, table));
        assertThat(ArchiveLayout.checkKey(key.key())).isEqualTo(key.key());
    }

    @Test
    void otherKeysAreNotDataFiles() {
        assertThat(ArchiveLayout.parseDataKey(RUN + "/manifest.json")).isEmpty();
        assertThat(ArchiveLayout.parseDataKey(RUN + "/000001/public.t.csv.gz.partial")).isEmpty();
        assertThat(ArchiveLayout.parseDataKey(RUN + "/1/public.t.csv.gz")).isEmpty();
        assertThat(ArchiveLayout.parseDataKey(RUN + "/0000001/public.t.csv.gz")).isEmpty();
        assertThat(ArchiveLayout.parseDataKey(RUN + "/1234567/public.t.csv.gz")).map(ArchiveLayout.DataKey::batch)
                .contains(1234567L);
        assertThat(ArchiveLayout.runOf(RUN + "/000001/public.t.csv.gz")).isEqualTo(RUN);
        assertThat(ArchiveLayout.runOf(".probe-1")).isNull();
        assertThatThrownBy(() -> ArchiveLayout.tableOf("public.a.b.csv.gz")).isInstanceOf(
                IllegalArgumentException.class);
    }
}

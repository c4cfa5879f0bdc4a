package dev.retentioncleanup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvRecordsTest {

    private static long count(String csv) throws IOException {
        return CsvRecords.count(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    static Stream<Arguments> handCases() {
        return Stream.of(
                Arguments.of("empty stream", "", 0),
                Arguments.of("header only", "id,body\n", 0),
                Arguments.of("header without a line end", "id,body", 0),
                Arguments.of("two rows", "id,body\n1,a\n2,b\n", 2),
                Arguments.of("last row without a line end", "id,body\n1,a\n2,b", 2),
                Arguments.of("CR LF line ends", "id,body\r\n1,a\r\n2,b\r\n", 2),
                Arguments.of("CR line ends", "id,body\r1,a\r2,b\r", 2),
                Arguments.of("quoted comma", "id,body\n1,\"a,b\"\n", 1),
                Arguments.of("quoted LF and CR LF", "id,body\n1,\"a\nb\r\nc\"\n2,x\n", 2),
                Arguments.of("doubled quotes in a quoted field", "id,body\n1,\"say \"\"hi\"\"\n\"\n", 1),
                Arguments.of("a field that is one quote character", "id,body\n1,\"\"\"\"\n", 1),
                Arguments.of("empty string and NULL", "id,body\n1,\"\"\n2,\n", 2),
                Arguments.of("single-column NULLs are empty lines", "body\n\n\n", 2),
                Arguments.of("multi-byte UTF-8", "id,body\n1,\"größe, 寿司\"\n", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handCases")
    void counts(String what, String csv, long records) throws IOException {
        assertThat(count(csv)).isEqualTo(records);
    }

    @Test
    void anUnterminatedQuoteIsMalformed() {
        assertThatThrownBy(() -> count("id,body\n1,\"open\n"))
                .isInstanceOf(CsvRecords.MalformedCsvException.class)
                .hasMessage("the CSV ends inside a quoted field");
    }

    /** Rows of fields (null is SQL NULL) rendered the way PostgreSQL's COPY ... (FORMAT csv, HEADER) renders them. */
    @Property(tries = 500)
    void countsWhatPostgresWrites(@ForAll("tables") List<List<String>> rows, @ForAll boolean crlf)
            throws IOException {
        int columns = rows.isEmpty() ? 1 : rows.get(0).size();
        String eol = crlf ? "\r\n" : "\n";
        StringBuilder csv = new StringBuilder();
        csv.append(IntStream.range(0, columns).mapToObj(i -> "c" + i)
                .collect(Collectors.joining(","))).append(eol);
        for (List<String> row : rows) {
            csv.append(row.stream().map(CsvRecordsTest::field).collect(Collectors.joining(","))).append(eol);
        }
        assertThat(count(csv.toString())).isEqualTo(rows.size());
    }

    /** PostgreSQL quotes a value holding the delimiter, a quote, CR or LF, and the empty string; NULL is nothing. */
    private static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> value = Arbitraries.strings().withChars("ab,\"\r\n é寿").ofMaxLength(8).injectNull(0.15);
        return Arbitraries.integers().between(1, 4).flatMap(columns ->
                value.list().ofSize(columns).list().ofMaxSize(20));
    }
}

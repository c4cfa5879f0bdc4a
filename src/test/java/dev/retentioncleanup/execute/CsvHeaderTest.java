package dev.retentioncleanup.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvHeaderTest {
    private static InputStream csv(String text) {
        return new BufferedInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void plainNamesAndTheStreamGoesOnAtTheFirstRecord() throws IOException {
        InputStream in = csv("id,created_at,domain_id\n1,2026-01-01,7\n");
        assertThat(CsvHeader.read(in)).containsExactly("id", "created_at", "domain_id");
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("1,2026-01-01,7\n");
    }

    @Test
    void quotedNamesKeepCommasQuotesLineBreaksAndCase() throws IOException {
        InputStream in = csv("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"MixedCase\",ünï\r\nrest");
        assertThat(CsvHeader.read(in)).containsExactly("a,b", "say \"hi\"", "two\nlines", "MixedCase", "ünï");
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("rest");
    }

    @Test
    void aFileThatEndsBeforeItsHeaderDoesIsAnError() {
        assertThatThrownBy(() -> CsvHeader.read(csv("id,name"))).isInstanceOf(IOException.class)
                .hasMessageContaining("no header line");
    }
}

package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLogEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LoggingEvent event(String message, Object... kv) {
        LoggerContext context = new LoggerContext();
        LoggingEvent e = new LoggingEvent("x", context.getLogger("dev.retentioncleanup.run"), Level.WARN, message,
                null, null);
        e.setTimeStamp(1_795_867_200_123L);
        e.setMDCPropertyMap(Map.of("run_id", "r-1"));
        for (int i = 0; i < kv.length; i += 2) {
            e.addKeyValuePair(new KeyValuePair((String) kv[i], kv[i + 1]));
        }
        return e;
    }

    private static JsonNode encode(LoggingEvent e) throws Exception {
        String line = new String(new JsonLogEncoder().encode(e), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        assertThat(line.strip()).doesNotContain("\n");
        return JSON.readTree(line);
    }

    @Test
    void fields_have_stable_names_and_numbers_stay_numbers() throws Exception {
        JsonNode n = encode(event("table \"x\"\nnext line", "event", "table_done", "table", "public.t", "rows", 42L,
                "rate", 1.5, "dry_run", false, "stop_reason", null));

        assertThat(n.get("ts").asText()).isEqualTo("2026-11-28T12:00:00.123Z");
        assertThat(n.get("level").asText()).isEqualTo("WARN");
        assertThat(n.get("event").asText()).isEqualTo("table_done");
        assertThat(n.get("msg").asText()).isEqualTo("table \"x\"\nnext line");
        assertThat(n.get("run_id").asText()).isEqualTo("r-1");
        assertThat(n.get("rows").isIntegralNumber()).isTrue();
        assertThat(n.get("rows").asLong()).isEqualTo(42);
        assertThat(n.get("rate").asDouble()).isEqualTo(1.5);
        assertThat(n.get("dry_run").isBoolean()).isTrue();
        assertThat(n.get("stop_reason").isNull()).isTrue();
        assertThat(n.has("event") && n.findValues("event").size() == 1).isTrue();
    }

    @Test
    void a_line_without_an_event_key_is_a_plain_log_event() throws Exception {
        assertThat(encode(event("hello")).get("event").asText()).isEqualTo("log");
        assertThat(encode(event("nan", "reading", Double.NaN)).get("reading").asText()).isEqualTo("NaN");
    }
}

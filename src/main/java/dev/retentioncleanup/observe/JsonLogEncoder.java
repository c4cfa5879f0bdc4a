package dev.retentioncleanup.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line for log pipelines, with stable field names: {@code ts}, {@code level}, {@code event}
 * (the SLF4J key {@code event}, else "log"), {@code msg}, {@code logger}, then the MDC ({@code run_id}) and every
 * SLF4J key-value pair of the line ({@code table}, {@code tenant}, {@code rows}, {@code duration_ms}, …), and
 * {@code error} with the stack trace when there is one. Logback's own JsonEncoder nests these under its own
 * names, which log queries should not have to know.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NONE = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("event", eventName(event));
            json.writeStringField("msg", event.getFormattedMessage());
            json.writeStringField("logger", event.getLoggerName());
            for (Map.Entry<String, String> mdc : event.getMDCPropertyMap().entrySet()) {
                json.writeStringField(mdc.getKey(), mdc.getValue());
            }
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    if (!"event".equals(pair.key)) {
                        json.writeFieldName(pair.key);
                        value(json, pair.value);
                    }
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                json.writeStringField("error", ThrowableProxyUtil.asString(thrown));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static String eventName(ILoggingEvent event) {
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                if ("event".equals(pair.key) && pair.value != null) {
                    return pair.value.toString();
                }
            }
        }
        return "log";
    }

    /** Numbers and booleans stay JSON numbers and booleans, so log queries can compare them. */
    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d && Double.isFinite(d)) {
            json.writeNumber(d);
        } else if (value instanceof Float f && Float.isFinite(f)) {
            json.writeNumber(f);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else {
            json.writeString(value.toString());
        }
    }
}

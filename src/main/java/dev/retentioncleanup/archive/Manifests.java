package dev.retentioncleanup.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@link Manifest} as JSON: pretty, snake_case names, instants in ISO-8601; unknown fields are ignored on read so
 * a later version's additions do not break an older reader, and a version it does not know is refused. Neither
 * method closes the caller's stream.
 */
public final class Manifests {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    private Manifests() {
    }

    public static void write(Manifest manifest, OutputStream out) throws IOException {
        MAPPER.writeValue(out, manifest);
    }

    /**
     * @throws BadManifestException when the JSON does not parse, its version is not {@link Manifest#VERSION} or a
     *                              file has no path
     * @throws IOException          from the stream
     */
    public static Manifest read(InputStream in) throws IOException {
        Manifest manifest;
        try {
            manifest = MAPPER.readValue(in, Manifest.class);
        } catch (JsonProcessingException e) {
            throw new BadManifestException(e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (manifest.version() != Manifest.VERSION) {
            throw new BadManifestException("manifest version " + manifest.version() + " is not supported (expected "
                    + Manifest.VERSION + ")", null);
        }
        for (int i = 0; i < manifest.files().size(); i++) {
            if (manifest.files().get(i).path() == null) {
                throw new BadManifestException("files[" + i + "] has no path", null);
            }
        }
        return manifest;
    }

    /** The bytes are not a manifest this version reads (as opposed to an error reading them). */
    public static final class BadManifestException extends IOException {
        BadManifestException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Jackson knows no java.time without a module; an ISO-8601 instant needs only {@link Instant#parse}. */
    private static final class InstantDeserializer extends FromStringDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        protected Instant _deserialize(String value, DeserializationContext context)
                throws IOException {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw context.weirdStringException(value, Instant.class, "not an ISO-8601 instant");
            }
        }
    }
}

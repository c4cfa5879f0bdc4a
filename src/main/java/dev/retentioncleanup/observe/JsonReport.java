package dev.retentioncleanup.observe;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.result.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes the run's JSON report (README, "The report") to a file, atomically, or to stdout for {@code -}: the
 * {@link RunResult} record as Jackson writes it, field names and order coming from the record's annotations.
 */
public final class JsonReport implements RunListener {
    /**
     * Tables as {@code schema.table} (keys and values), instants as ISO-8601 text, enums (a guard event's action, a
     * partition's) in lower case.
     */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .addModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    // TableName.toString() is display(); Jackson writes a map key by its toString() already.
                    .addSerializer(TableName.class, ToStringSerializer.instance))
            .build();
    private static final ObjectWriter REPORT = JSON.writerWithDefaultPrettyPrinter()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final String destination;
    private final PrintStream stdout;

    public JsonReport(String destination, PrintStream stdout) {
        this.destination = destination;
        this.stdout = stdout;
    }

    @Override
    public void runFinished(RunResult result) {
        try {
            if ("-".equals(destination)) {
                write(stdout, result);
                stdout.flush();
            } else {
                AtomicFile.write(Path.of(destination), out -> write(out, result), AtomicFile.OWNER_ONLY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + destination + ": " + e.getMessage(), e);
        }
    }

    /** Streamed as UTF-8: a report of many tenants never exists as one string. */
    private static void write(OutputStream out, RunResult result) throws IOException {
        REPORT.writeValue(out, result);
        out.write('\n');
    }
}

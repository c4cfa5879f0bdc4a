package dev.retentioncleanup.observe;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the run's JSON report (README, "The report") to a file, atomically, or to stdout for {@code -}. */
public final class JsonReport implements RunListener {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String destination;
    private final PrintStream stdout;

    public JsonReport(String destination, PrintStream stdout) {
        this.destination = destination;
        this.stdout = stdout;
    }

    @Override
    public void runFinished(RunResult result) {
        Map<String, Object> doc = document(result);
        if ("-".equals(destination)) {
            stdout.println(render(doc));
            stdout.flush();
            return;
        }
        Path target = Path.of(destination);
        try {
            // Streamed into the file: a report of many tenants never exists as one string.
            AtomicFile.write(target, out -> {
                JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, doc);
                out.write('\n');
            }, AtomicFile.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + target + ": " + e.getMessage(), e);
        }
    }

    public static String render(RunResult r) {
        return render(document(r));
    }

    private static String render(Map<String, Object> doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render report", e);
        }
    }

    private static Map<String, Object> document(RunResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", r.outcome().status());
        doc.put("exit_code", r.exitCode());
        doc.put("dry_run", r.dryRun());
        doc.put("run_id", r.runId().toString());
        doc.put("started_at", r.startedAt().toString());
        doc.put("finished_at", r.finishedAt().toString());
        doc.put("stop_reason", r.stopReason());
        doc.put("tables", r.tables());
        doc.put("tenants", r.tenants());
        doc.put("skipped_tenants", List.copyOf(r.skippedTenants().keySet()));
        doc.put("skipped_reasons", r.skippedTenants());
        doc.put("held", r.held());
        doc.put("time_zone", r.timeZone());
        doc.put("database_now", r.databaseNow() == null ? null : r.databaseNow().toString());
        doc.put("batches", r.batches());
        doc.put("wal_bytes", r.walBytes());
        doc.put("wal_bytes_estimate", r.walBytesEstimate());
        List<Map<String, Object>> events = r.guardEvents().stream().map(JsonReport::event).toList();
        doc.put("guard_events", events);
        return doc;
    }

    private static Map<String, Object> event(GuardEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("guard", e.guard());
        m.put("action", e.action().label());
        m.put("reading", e.reading());
        m.put("limit", e.limit());
        m.put("reason", e.reason());
        m.put("at", e.at().toString());
        return m;
    }
}

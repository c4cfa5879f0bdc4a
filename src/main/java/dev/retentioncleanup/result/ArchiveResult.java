package dev.retentioncleanup.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a run archived, as the report's {@code archive} object has it: where, the run's manifest (null when it could
 * not be written; the next run writes it) and the files, rows and bytes its committed batches archived.
 */
@JsonPropertyOrder({"location", "manifest", "files", "rows", "bytes"})
public record ArchiveResult(String location, String manifest, long files, long rows, long bytes) {
}

package dev.retentioncleanup.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the records of PostgreSQL CSV ({@code COPY ... TO STDOUT (FORMAT csv, HEADER)}) in one streaming pass.
 * A record ends at LF, CR LF or CR outside quotes; a quoted field may hold commas, line breaks and {@code ""}
 * (two quote characters toggle twice, so they need no case of their own). An empty line is a record: PostgreSQL
 * writes one for a single-column row that is NULL. Bytes are read as bytes: '"', CR and LF never occur inside a
 * UTF-8 multi-byte character.
 */
public final class CsvRecords {
    private CsvRecords() {
    }

    /**
     * The data records, without the header line (an empty stream has neither).
     *
     * @throws MalformedCsvException when the stream ends inside a quoted field
     * @throws IOException              from the stream
     */
    public static long count(InputStream in) throws IOException {
        long lines = 0;
        boolean quoted = false;
        boolean afterCr = false;
        boolean open = false; // bytes since the last record ended
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (afterCr) {
                    afterCr = false;
                    if (b == '\n') {
                        continue; // the LF of CR LF: that record is already counted
                    }
                }
                if (b == '"') {
                    quoted = !quoted;
                    open = true;
                } else if (!quoted && (b == '\n' || b == '\r')) {
                    lines++;
                    open = false;
                    afterCr = b == '\r';
                } else {
                    open = true;
                }
            }
        }
        if (quoted) {
            throw new MalformedCsvException("the CSV ends inside a quoted field");
        }
        if (open) {
            lines++; // a last record without a line end
        }
        return Math.max(lines - 1, 0);
    }

    /** The bytes are not PostgreSQL CSV (as opposed to an error reading them). */
    public static final class MalformedCsvException extends IOException {
        MalformedCsvException(String message) {
            super(message);
        }
    }
}

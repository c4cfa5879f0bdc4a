package dev.retentioncleanup.execute;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header line of a PostgreSQL CSV file: the column names, a name quoted when it holds a comma, a quote or a line
 * break ({@code ""} for a quote). Reads exactly the header's bytes, so the stream goes on at the first record.
 */
final class CsvHeader {
    private CsvHeader() {
    }

    static List<String> read(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        boolean quoted = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("no header line: the file ends first");
            }
            if (quoted) {
                if (b == '"') {
                    in.mark(1);
                    if (in.read() == '"') {
                        name.write('"');
                        continue;
                    }
                    in.reset();
                    quoted = false;
                } else {
                    name.write(b);
                }
            } else if (b == '"') {
                quoted = true;
            } else if (b == ',' || b == '\n') {
                names.add(name.toString(StandardCharsets.UTF_8));
                name.reset();
                if (b == '\n') {
                    return names;
                }
            } else if (b != '\r') {
                name.write(b);
            }
        }
    }
}

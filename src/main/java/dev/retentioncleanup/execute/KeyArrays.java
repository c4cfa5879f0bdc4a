package dev.retentioncleanup.execute;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * A batch's keys as one typed array. Keys are read as the server's own text; bigint, integer and uuid keys are
 * turned back into numbers and UUIDs, which pgjdbc sends as a binary array, so the server does not parse thousands
 * of values in text for every statement of the batch (figures in docs/performance.md). Keys of
 * any other type travel as text and the server casts them to the array's type.
 */
final class KeyArrays {
    private KeyArrays() {
    }

    static Array of(Connection connection, String keyType, List<String> keys) throws SQLException {
        return switch (keyType) {
            case "bigint" -> connection.createArrayOf("int8", keys.stream().map(Long::valueOf).toArray(Long[]::new));
            case "integer" -> connection.createArrayOf("int4",
                    keys.stream().map(Integer::valueOf).toArray(Integer[]::new));
            case "uuid" -> connection.createArrayOf("uuid", keys.stream().map(UUID::fromString).toArray(UUID[]::new));
            default -> connection.createArrayOf(keyType, keys.toArray(String[]::new));
        };
    }
}

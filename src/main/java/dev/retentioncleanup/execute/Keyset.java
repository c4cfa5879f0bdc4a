package dev.retentioncleanup.execute;

/** Where the last batch of a target ended, in the server's text form of (timestamp, key). */
record Keyset(String timestamp, String key) {
}

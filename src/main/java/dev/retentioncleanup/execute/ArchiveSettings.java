package dev.retentioncleanup.execute;

import dev.retentioncleanup.archive.ArchiveStore;
import dev.retentioncleanup.config.TableRef;

/**
 * Where a run archives what it deletes.
 *
 * @param store        opened and found writable before the run
 * @param outbox       the table recording archived batches in their transactions
 * @param database     {@code host:port/dbname}, for the manifest
 * @param configSha256 of the config file's bytes, for the manifest
 */
public record ArchiveSettings(ArchiveStore store, TableRef outbox, String database, String configSha256) {
}

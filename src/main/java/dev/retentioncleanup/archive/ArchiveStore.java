package dev.retentioncleanup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where archive files live: a local directory ({@link LocalArchiveStore}) or an S3 prefix ({@link S3ArchiveStore});
 * {@link ArchiveStores#open} picks one. Keys are '/'-separated paths relative to the store's root
 * ({@link ArchiveLayout#checkKey}). Errors are {@link IOException}s with a one-line message naming the store or key,
 * never a credential.
 */
public interface ArchiveStore extends AutoCloseable {

    /** For reports and messages: an absolute directory path or {@code s3://bucket/prefix}. */
    String location();

    /** Stores {@code file} under {@code key}, replacing what is there; durable when this returns. */
    void put(String key, Path file) throws IOException;

    /** The bytes stored under {@code key}; {@link java.nio.file.NoSuchFileException} when there are none. */
    InputStream open(String key) throws IOException;

    /** Every key that starts with {@code prefix} ("" for all), at any depth, sorted. */
    List<String> list(String prefix) throws IOException;

    /** Removes {@code key}; nothing happens when it does not exist. */
    void delete(String key) throws IOException;

    /** Fails unless the store exists and can be read (verify-archive, before it lists anything). */
    void checkReadable() throws IOException;

    /** Fails unless a file can be stored and removed now (a run checks this before it deletes anything). */
    void checkWritable() throws IOException;

    @Override
    void close();
}

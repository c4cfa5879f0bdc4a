package dev.retentioncleanup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An archive in a local (or mounted) directory. {@link #put} is crash-safe: the bytes go to {@code <key>.partial},
 * are forced to disk, renamed atomically onto the key, and the directory entry is forced too, so after a crash a
 * key holds either nothing or all of its bytes; a {@code .partial} left behind is a leftover that verify reports.
 */
public final class LocalArchiveStore implements ArchiveStore {
    private final Path dir;

    public LocalArchiveStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public String location() {
        return dir.toString();
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = resolve(key);
        Path partial = target.resolveSibling(target.getFileName() + ArchiveLayout.PARTIAL_SUFFIX);
        try {
            createDirectories(target.getParent());
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            force(partial, StandardOpenOption.WRITE);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            force(target.getParent(), StandardOpenOption.READ);
        } catch (IOException e) {
            deleteAfterFailure(partial, e);
            throw new IOException("cannot archive " + file + " as " + target + ": " + describe(e), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        // Walk only the directory the prefix names, not the whole archive.
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? dir : resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile).map(this::keyOf).filter(k -> k.startsWith(prefix)).forEach(keys::add);
        } catch (UncheckedIOException e) { // how Files.walk reports an error past its start
            throw cannotList(start, e.getCause());
        } catch (IOException e) {
            throw cannotList(start, e);
        }
        keys.sort(null);
        return keys;
    }

    private static IOException cannotList(Path start, IOException e) {
        return new IOException("cannot list archive directory " + start + ": " + describe(e), e);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public void checkReadable() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("archive directory " + dir + " does not exist");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new IOException("archive directory " + dir + " is not readable: permission denied");
        }
    }

    @Override
    public void checkWritable() throws IOException {
        Path probe = dir.resolve(".probe-" + UUID.randomUUID());
        try {
            createDirectories(dir);
            Files.writeString(probe, "retention-cleanup write probe\n", StandardCharsets.UTF_8);
            force(probe, StandardOpenOption.WRITE);
            Files.delete(probe);
        } catch (IOException e) {
            deleteAfterFailure(probe, e);
            throw new IOException("archive directory " + dir + " is not writable: " + describe(e), e);
        }
    }

    @Override
    public void close() {
        // nothing held open
    }

    private Path resolve(String key) {
        return dir.resolve(ArchiveLayout.checkKey(key));
    }

    private String keyOf(Path file) {
        return dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** Removes what a failed write may have left; a failure to is noted on the first error, which matters more. */
    private static void deleteAfterFailure(Path file, IOException failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Creates what is missing of {@code directory} and forces each new entry into its parent. */
    private static void createDirectories(Path directory) throws IOException {
        Path existing = directory;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        Files.createDirectories(directory);
        for (Path p = directory; p != null && !p.equals(existing); p = p.getParent()) {
            force(p.getParent(), StandardOpenOption.READ);
        }
    }

    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }

    /** "permission denied", "no such file or directory", or the system's reason, with the path it is about. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory (" + n.getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + " (" + f.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}

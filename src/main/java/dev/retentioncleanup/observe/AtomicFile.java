package dev.retentioncleanup.observe;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** Temp file + rename in the same directory, so readers (people, node_exporter) never see half a file. */
public final class AtomicFile {
    /** rw-------: what a temp file gets, and what the report has always had. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** rw-r--r--: for files another user's process reads, such as node_exporter's textfile collector. */
    public static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFile() {
    }

    /** Content streamed into the file, so a large report never exists as one string. */
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content} with exactly {@code permissions} (whatever the umask) where the file system has them. */
    public static void write(Path target, String content, Set<PosixFilePermission> permissions) throws IOException {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)), permissions);
    }

    public static void write(Path target, Writer content, Set<PosixFilePermission> permissions) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, permissions);
            }
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Why {@link #write} could not write {@code target}, found before there is anything to write: by creating and
     * removing a temp file where {@code write} would (in the nearest existing directory when some are still to be
     * created), so permissions, ACLs and read-only mounts all count. Empty when it can.
     */
    public static Optional<String> unwritable(Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return Optional.of(absolute + " is a directory");
        }
        Path existing = absolute.getParent();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of(existing + " is not a directory");
        }
        try {
            Files.delete(Files.createTempFile(existing, "." + absolute.getFileName(), ".tmp"));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot create files in " + existing + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason(); // e.g. "Read-only file system"
        }
        return e instanceof NoSuchFileException ? "no such file or directory" : e.toString();
    }
}

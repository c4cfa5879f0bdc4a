package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Parsers;
import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.SettingGroup;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;

/**
 * {@code --pause-file}: an operator's brake that needs no restart; paused while anything is at the path (a
 * dangling symlink included: someone put it there).
 *
 * <p>Fail closed: a path whose existence cannot be determined (a parent that is not a directory, or one this user
 * may not search) is a brake that may be on, so it stops the run instead of reading as "no file" the way
 * {@code Files.exists} would.
 */
public final class PauseFile extends DeclaredGuard<PauseFile.Reading> {
    public static final String NAME = "pause_file";
    /** {@code --pause-file}: turns this guard on; its flag, variable, file key, label and help. */
    public static final Setting<Path> SETTING = Setting.of("pause-file", SettingGroup.GUARDS, "PATH", Parsers::path,
            "Pause while this file exists; remove it to resume.");

    private final Path path;

    public record Reading(boolean exists) {
    }

    public PauseFile(Path path) {
        super(NAME, SETTING);
        this.path = path;
    }

    @Override
    public boolean needsConnection() {
        return false;
    }

    /** @throws UnreadableSignalException when the file system cannot say whether the path exists */
    @Override
    public Reading read(Connection ignored) throws UnreadableSignalException {
        try {
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Reading(true);
        } catch (NoSuchFileException e) {
            return new Reading(false);
        } catch (IOException e) {
            throw new UnreadableSignalException(flag() + " cannot tell whether " + path + " exists (" + reason(e)
                    + "), so the brake may be on and the run stops; every part of the path before the file must be a"
                    + " directory this user can search", e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.toString();
    }

    @Override
    public Verdict verdict(Reading reading) {
        if (!reading.exists()) {
            return Verdict.proceed(NAME, 0, 0);
        }
        return Verdict.pause(NAME, 1, 0, path + " exists (" + flag() + "); remove it to resume");
    }
}

package dev.retentioncleanup.guard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/** {@code --pause-file}: an operator's brake that needs no restart; paused while the file exists. */
public final class PauseFile implements Guard<PauseFile.Reading> {
    public static final String NAME = "pause_file";

    private final Path path;

    public record Reading(boolean exists) {
    }

    public PauseFile(Path path) {
        this.path = path;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String flag() {
        return "--pause-file";
    }

    @Override
    public boolean needsConnection() {
        return false;
    }

    @Override
    public Reading read(Connection ignored) {
        return new Reading(Files.exists(path));
    }

    @Override
    public Verdict verdict(Reading reading) {
        if (!reading.exists()) {
            return Verdict.proceed(NAME, 0, 0);
        }
        return Verdict.pause(NAME, 1, 0, path + " exists (" + flag() + "); remove it to resume");
    }
}

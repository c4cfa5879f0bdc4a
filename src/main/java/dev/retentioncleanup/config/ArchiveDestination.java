package dev.retentioncleanup.config;

import dev.retentioncleanup.url.HttpUrl;
import java.nio.file.Path;

/**
 * Where deleted rows are archived: a local directory or an S3 location (with an optional S3-compatible endpoint).
 * Exactly one of {@code dir} and {@code s3} is set.
 */
public record ArchiveDestination(Path dir, S3Location s3, HttpUrl endpoint) {
    public ArchiveDestination {
        if ((dir == null) == (s3 == null)) {
            throw new IllegalArgumentException("exactly one of dir and s3");
        }
    }

    /**
     * The archive the sources name, or null when none is set: for commands that need only the archive settings
     * (verify-archive), not a whole {@link RunSettings}. Checks the file's {@code run:} keys like a run does.
     */
    public static ArchiveDestination resolve(Sources sources) {
        sources.requireKnownFileKeys();
        return resolve(new Layers(sources));
    }

    /** Where the archive setting in effect was set ({@code --archive-dir}, …), for messages; null when unset. */
    public static String origin(Sources sources) {
        String dir = sources.originOf(Settings.ARCHIVE_DIR);
        return dir != null ? dir : sources.originOf(Settings.ARCHIVE_URL);
    }

    /** The archive the settings name, or null when archiving is off. */
    public static ArchiveDestination resolve(Layers layers) {
        Layers.Resolved<Path> dir = layers.single(Settings.ARCHIVE_DIR);
        Layers.Resolved<S3Location> url = layers.single(Settings.ARCHIVE_URL);
        Layers.Resolved<HttpUrl> endpoint = layers.single(Settings.ARCHIVE_ENDPOINT);
        if (dir != null && url != null) {
            throw new ConfigException(dir.origin() + " and " + url.origin()
                    + ": set only one of --archive-dir and --archive-url");
        }
        if (endpoint != null && url == null) {
            throw new ConfigException(endpoint.origin() + ": --archive-endpoint needs --archive-url");
        }
        if (dir == null && url == null) {
            return null;
        }
        return new ArchiveDestination(dir == null ? null : dir.value(), url == null ? null : url.value(),
                endpoint == null ? null : endpoint.value());
    }

    @Override
    public String toString() {
        return dir != null ? dir.toString() : s3 + (endpoint == null ? "" : " at " + endpoint);
    }
}

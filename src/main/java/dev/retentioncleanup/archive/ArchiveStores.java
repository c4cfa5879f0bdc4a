package dev.retentioncleanup.archive;

import dev.retentioncleanup.config.ArchiveDestination;
import java.io.IOException;

/** Opens the store an {@link ArchiveDestination} names. */
public final class ArchiveStores {
    private ArchiveStores() {
    }

    /** Touches nothing remote: a missing directory or bucket shows at the first use or check. */
    public static ArchiveStore open(ArchiveDestination destination) throws IOException {
        return destination.dir() != null
                ? new LocalArchiveStore(destination.dir())
                : S3ArchiveStore.create(destination.s3(), destination.endpoint());
    }
}

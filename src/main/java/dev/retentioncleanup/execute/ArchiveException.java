package dev.retentioncleanup.execute;

/**
 * An archive file could not be written or stored: the batch's transaction rolls back, so none of its rows is
 * deleted, and the run stops with this reason.
 */
public final class ArchiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}

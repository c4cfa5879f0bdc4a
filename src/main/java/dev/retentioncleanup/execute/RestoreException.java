package dev.retentioncleanup.execute;

/** A file could not be restored as asked (a row already there); its transaction rolled back. */
public final class RestoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RestoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.retentioncleanup.url;

/**
 * A URL that cannot be used. The message says what is wrong and never quotes the URL or a piece of it: a password
 * typed raw may sit anywhere in it. Callers prefix the flag or variable that held the URL.
 */
public final class BadUrlException extends IllegalArgumentException {
    public BadUrlException(String message) {
        super(message);
    }
}

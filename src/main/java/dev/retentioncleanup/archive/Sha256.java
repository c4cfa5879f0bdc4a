package dev.retentioncleanup.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of archive files, as the manifest writes it: lowercase hex. */
public final class Sha256 {
    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Of a file's bytes, streaming. */
    public static String of(Path file) throws IOException {
        try (Reading in = new Reading(Files.newInputStream(file))) {
            in.transferTo(OutputStream.nullOutputStream());
            return in.hex();
        }
    }

    /** A stream that digests and counts the bytes read through it. */
    public static final class Reading extends FilterInputStream {
        private final MessageDigest digest;
        private long bytes;

        public Reading(InputStream in) {
            this(in, newDigest());
        }

        private Reading(InputStream in, MessageDigest digest) {
            super(new DigestInputStream(in, digest));
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytes += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // DigestInputStream would skip past bytes without digesting them: read them instead.
            return Math.max(read(new byte[(int) Math.min(Math.max(n, 0), 8192)]), 0);
        }

        @Override
        public boolean markSupported() {
            return false; // a reset would digest and count bytes twice
        }

        /** Reads what is left, so the digest and count cover the whole stream. */
        public void drain() throws IOException {
            transferTo(OutputStream.nullOutputStream());
        }

        public long bytes() {
            return bytes;
        }

        /** The digest of the bytes read so far; call once, at the end. */
        public String hex() {
            return Sha256.hex(digest);
        }
    }
}

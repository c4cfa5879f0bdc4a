package dev.retentioncleanup.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a password file. */
final class Secrets {
    /** A password file larger than this is the wrong file (or /dev/zero); do not read it into memory. */
    static final int MAX_PASSWORD_BYTES = 4096;

    private Secrets() {
    }

    /** The file's content without trailing line breaks (editors add one); {@code origin} names the flag, variable or key. */
    static String readPasswordFile(Path file, String origin) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_PASSWORD_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(origin + ": cannot read password file '" + file + "': no such file", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(origin + ": cannot read password file '" + file + "': permission denied", e);
        } catch (IOException e) {
            throw new ConfigException(origin + ": cannot read password file '" + file + "': " + e.getMessage(), e);
        }
        if (bytes.length > MAX_PASSWORD_BYTES) {
            throw new ConfigException(origin + ": password file '" + file + "' is larger than "
                    + MAX_PASSWORD_BYTES + " bytes; is it the right file?");
        }
        String password = new String(bytes, StandardCharsets.UTF_8).replaceFirst("[\r\n]+$", "");
        if (password.isEmpty()) {
            throw new ConfigException(origin + ": password file '" + file + "' is empty");
        }
        return password;
    }
}

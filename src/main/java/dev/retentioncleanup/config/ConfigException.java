package dev.retentioncleanup.config;

/**
 * Bad input from flags, environment or the config file. The message is one line that names the flag,
 * variable or key (and the file line where known); it maps to exit 2 and is raised before anything is touched.
 */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

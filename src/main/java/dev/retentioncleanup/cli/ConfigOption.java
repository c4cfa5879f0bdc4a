package dev.retentioncleanup.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The YAML configuration file: policy, targets and an optional run: section. */
final class ConfigOption {
    static final String ENV = "RETENTION_CONFIG";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", order = 1,
            description = "YAML file with policy, targets and run settings (env " + ENV + ").")
    Path file;

    Path fileOrEnv() {
        if (file != null) {
            return file;
        }
        String fromEnv = System.getenv(ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }
}

package dev.retentioncleanup.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Loads the YAML config file, parsed once ({@link YamlDocument}), validates it once and returns it frozen; every
 * problem is a one-line {@link ConfigException} naming the file, line and key.
 */
public final class ConfigLoader {
    private static final Set<String> TOP_KEYS = Set.of("policy", "targets", "run");

    private ConfigLoader() {
    }

    public static RetentionConfig load(Path file) {
        YamlDocument.Parsed parsed = YamlDocument.parse(read(file), file);
        if (parsed.root() == null) {
            throw new ConfigException(file + ": config file is empty; expected policy: and targets:");
        }
        YamlNode root = parsed.root().mappingOf(TOP_KEYS, "a mapping with policy, targets and run");
        PolicyConfig policy = PolicySectionReader.read(root.required("policy"));
        return new RetentionConfig(file, policy,
                TargetReader.readAll(root.required("targets"), policy),
                root.optional("run").map(RunSectionReader::read).orElse(Map.of()), parsed.lines());
    }

    private static byte[] read(Path file) {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + ": cannot read config file: it is a directory");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": cannot read config file: no such file", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": cannot read config file: permission denied", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config file: " + e.getMessage(), e);
        }
    }
}

package dev.retentioncleanup.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Loads the YAML config file, validates it once and returns it frozen; every problem is a one-line {@link ConfigException}. */
public final class ConfigLoader {
    private static final Set<String> TOP_KEYS = Set.of("policy", "targets", "run");
    private static final ObjectMapper MAPPER = new ObjectMapper(YamlLines.FACTORY);

    private ConfigLoader() {
    }

    public static RetentionConfig load(Path file) {
        byte[] bytes = read(file);
        YamlLines lines = YamlLines.scan(bytes, file);
        YamlSubset.check(bytes, file);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (IOException e) {
            // The streaming pass has already accepted this text; keep the message short in case it ever does not.
            throw new ConfigException(file + ": cannot parse config file: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(file + ": config file is empty; expected policy: and targets:");
        }
        YamlNode root = YamlNode.root(tree, file, lines).mappingOf(TOP_KEYS, "a mapping with policy, targets and run");
        PolicyConfig policy = PolicySectionReader.read(root.required("policy"));
        return new RetentionConfig(file, policy,
                TargetReader.readAll(root.required("targets"), policy),
                root.optional("run").map(RunSectionReader::read).orElse(Map.of()), lines);
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

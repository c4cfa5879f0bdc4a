package dev.retentioncleanup.differential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what reproduces a failing try by hand into one directory: schema.sql (the database's time zone and
 * the DDL), data.sql (one transaction), retention.yml, and README.txt (zones, the exact tool commands in order,
 * the disagreements, and the one-line rerun).
 */
final class Repro {
    private Repro() {
    }

    static Path write(Path root, Trial.Result result) throws IOException {
        Scenario scenario = result.scenario();
        String families = Family.spec(scenario.families());
        Path dir = Files.createDirectories(root.resolve(Long.toUnsignedString(scenario.seed()) + "-" + families.replace(',', '_')));
        List<String> schema = new ArrayList<>();
        schema.add(DdlRenderer.timeZoneStatement(scenario));
        schema.addAll(DdlRenderer.render(scenario));
        Files.writeString(dir.resolve("schema.sql"), String.join(";\n", schema) + ";\n");
        List<String> data = new ArrayList<>();
        data.add("BEGIN");
        data.addAll(result.data().statements(scenario));
        data.add("COMMIT");
        Files.writeString(dir.resolve("data.sql"), String.join(";\n", data) + ";\n");
        Files.writeString(dir.resolve("retention.yml"), result.config());
        StringBuilder readme = new StringBuilder();
        readme.append("seed ").append(Long.toUnsignedString(scenario.seed())).append(", families ").append(families)
                .append("\nrerun: scripts/fuzz.sh --seed ").append(Long.toUnsignedString(scenario.seed()))
                .append(" --families ").append(families).append(ArchiveCheck.Plan.rerunFlag())
                .append("\n\nserver TimeZone ").append(scenario.serverZone()).append(", JVM default zone while the tool ran ")
                .append(scenario.jvmZone()).append(scenario.flagZone() == null ? "" : ", --time-zone " + scenario.flagZone())
                .append(scenario.defect() == null ? "" : "\ndefect (check must refuse): " + scenario.defect().description())
                .append("\n\nby hand, on an empty database:\n  psql -f schema.sql && psql -f data.sql\n")
                .append("  (the timestamps are relative to now(): load and run within a second for rows near a cutoff)\n")
                .append("  then, with java -Duser.timezone=").append(scenario.jvmZone()).append(" -jar retention-cleanup.jar:\n");
        result.commands().forEach(c -> readme.append("    ").append(c).append('\n'));
        readme.append("  rows are told apart by the column _rid: SELECT * FROM <table> WHERE _rid IN (…)\n\n");
        readme.append("disagreements with the oracle:\n");
        result.problems().forEach(p -> readme.append("- ").append(p).append('\n'));
        Files.writeString(dir.resolve("README.txt"), readme.toString());
        return dir;
    }
}

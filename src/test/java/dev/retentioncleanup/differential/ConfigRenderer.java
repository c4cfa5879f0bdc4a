package dev.retentioncleanup.differential;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/** The scenario's {@code retention.yml}: names folded as PostgreSQL would, quoted where case must be kept. */
final class ConfigRenderer {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    private ConfigRenderer() {
    }

    static String render(Scenario scenario) {
        Policy policy = scenario.policy();
        StringBuilder yaml = new StringBuilder("policy:\n");
        yaml.append("  table: ").append(scalar(table(scenario.table(policy.table())))).append('\n');
        yaml.append("  key: ").append(scalar(name(policy.key()))).append('\n');
        yaml.append("  retention_days: ").append(scalar(name(policy.retention()))).append('\n');
        if (policy.defaultDays() != null) {
            yaml.append("  default_days: ").append(policy.defaultDays()).append('\n');
        }
        if (policy.minDays() != null) {
            yaml.append("  min_days: ").append(policy.minDays()).append('\n');
        }
        yaml.append("targets:\n");
        // Its own random stream: drawing from the generator's would change every seed's scenario.
        Random modes = new Random(scenario.seed() ^ 0x5DEECE66DL);
        for (Target target : scenario.targets()) {
            Table table = scenario.table(target.table());
            yaml.append("  - table: ").append(scalar(table(table))).append('\n');
            yaml.append("    key: ").append(scalar(name(target.key()))).append('\n');
            yaml.append("    timestamp: ").append(scalar(name(target.timestamp()))).append('\n');
            yaml.append("    tenant:\n");
            for (Target.Hop hop : target.hops()) {
                yaml.append("      - ").append(scalar(name(hop.column()) + " -> " + table(scenario.table(hop.to())) + "."
                        + name(hop.toColumn()))).append('\n');
            }
            if (!target.autoChildren()) {
                yaml.append("    children: none\n");
            }
            if (scenario.families().contains(Family.DROP)) {
                yaml.append("    partitions: ").append(List.of("rows", "drop", "detach").get(modes.nextInt(3)))
                        .append('\n');
            }
            if (!target.extraLinks().isEmpty()) {
                yaml.append("    extra_children:\n");
                for (int id : target.extraLinks()) {
                    Link link = scenario.link(id);
                    yaml.append("      - ").append(scalar(column(scenario.table(link.child()), link.childColumns())
                            + " -> " + column(scenario.table(link.parent()), link.parentColumns()))).append('\n');
                }
            }
            if (!target.skipChildren().isEmpty()) {
                yaml.append("    skip_children:\n");
                for (int id : target.skipChildren()) {
                    yaml.append("      - ").append(scalar(table(scenario.table(id)))).append('\n');
                }
            }
        }
        return yaml.toString();
    }

    private static String column(Table table, List<String> columns) {
        if (columns.size() != 1) {
            throw new IllegalArgumentException("extra_children are single-column: " + columns);
        }
        return table(table) + "." + name(columns.get(0));
    }

    private static String table(Table table) {
        return name(table.schema()) + "." + name(table.name());
    }

    private static String name(String name) {
        return PLAIN.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Always single-quoted: a scalar starting with a double quote is not plain YAML. */
    private static String scalar(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}

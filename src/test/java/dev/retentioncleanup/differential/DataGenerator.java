package dev.retentioncleanup.differential;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Rows for a scenario, table by table in creation order (parents before children): unique keys of each type,
 * references copied from existing parent rows (or NULL, partly NULL, dangling where nothing enforces them),
 * tenants with every kind of retention value, and ages spread around each tenant's cutoff. Ages are SQL
 * expressions relative to {@code now()}, so a reproduction loaded later means the same.
 */
final class DataGenerator {
    private final Scenario scenario;
    private final Random random;
    /** Texts an archive's literals and CSV must survive (archived tries only: other seeds keep their data). */
    private final boolean awkward;
    private final Map<Integer, List<Row>> rows = new LinkedHashMap<>();
    /** Effective days per tenant key literal (null: skipped); used only to place ages near cutoffs. */
    private final Map<String, Integer> tenantDays = new HashMap<>();
    private final List<String> retentionKinds = new ArrayList<>();
    private final List<String> ageKinds = new ArrayList<>();
    private long nextRid = 1;

    private static final List<String> AWKWARD_KEY_SUFFIXES = List.of("", " x,y", "'q\"", "é\\", "-{Z}\n",
            "\\\" NULL", "\t(a)");
    private static final List<String> AWKWARD_TEXTS = List.of("", "\\.", "a,\"b\"\n\\.\r\nc", "NULL", "\\N",
            " {x,\"y\"} ");

    private DataGenerator(Scenario scenario, Random random, boolean awkward) {
        this.scenario = scenario;
        this.random = random;
        this.awkward = awkward;
    }

    static Dataset generate(Scenario scenario) {
        return generate(scenario, false);
    }

    /**
     * With {@code awkward}, text keys and texts hold what array literals and CSV must quote (quotes, backslashes,
     * commas, braces, line breaks, {@code NULL}, the empty string, {@code \.}); the same random draws either way.
     */
    static Dataset generate(Scenario scenario, boolean awkward) {
        // Its own stream, so that adding a schema shape does not shift every seed's data (and vice versa).
        DataGenerator generator = new DataGenerator(scenario, new Random(scenario.seed() * 31 + 7), awkward);
        for (Table table : scenario.tables()) {
            generator.rows.put(table.id(), generator.table(table));
        }
        return new Dataset(generator.rows, generator.retentionKinds, generator.ageKinds);
    }

    private List<Row> table(Table table) {
        int count = switch (table.role()) {
            case POLICY -> 3 + random.nextInt(4);
            case HOP -> 3 + random.nextInt(4);
            case TARGET -> 6 + random.nextInt(15);
            case DESCENDANT -> random.nextInt(5) == 0 ? random.nextInt(3) : 3 + random.nextInt(12);
            case SKIPPED -> 2 + random.nextInt(6);
        };
        List<Row> made = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            Row row = row(table, seq, made);
            if (row != null) {
                made.add(row);
            }
        }
        return made;
    }

    /** Null when a NOT NULL reference finds no parent row to point at. */
    private Row row(Table table, int seq, List<Row> earlier) {
        Map<String, String> values = new LinkedHashMap<>();
        String physical = null;
        if (!table.inheritChildren().isEmpty() && random.nextInt(4) == 0) {
            physical = table.inheritChildren().get(random.nextInt(table.inheritChildren().size()));
        }
        List<Link> outgoing = scenario.links().stream().filter(l -> l.child() == table.id()).toList();
        for (Link link : outgoing) {
            Map<String, String> reference = reference(link, earlier);
            if (reference == null) {
                return null;
            }
            values.putAll(reference);
        }
        for (Column column : table.columns()) {
            if (values.containsKey(column.name())) {
                continue;
            }
            values.put(column.name(), plainValue(table, column, seq, values));
        }
        if (table.role() == Table.Role.TARGET) {
            Target target = targetOf(table);
            values.put(target.timestamp(), age(target, values, table.column(target.timestamp()).notNull()));
        }
        return new Row(physical, values);
    }

    /** The child columns of one link: a parent row's key, NULL, partly NULL, or (undeclared only) dangling. */
    private Map<String, String> reference(Link link, List<Row> earlier) {
        Table child = scenario.table(link.child());
        boolean notNull = link.childColumns().stream().anyMatch(c -> child.column(c).notNull());
        List<Row> candidates = link.selfReference() ? earlier : rows.getOrDefault(link.parent(), List.of());
        if (link.declared()) {
            // A declared key sees only the parent's own rows, not its INHERITS children's.
            candidates = candidates.stream().filter(r -> r.physical() == null).toList();
        }
        if (link.parent() > link.child()) {
            candidates = List.of(); // a back reference (an injected cycle): its parent has no rows yet
        }
        Map<String, String> values = new LinkedHashMap<>();
        int roll = random.nextInt(100);
        if (candidates.isEmpty() || (!notNull && roll < 12)) {
            if (notNull) {
                return null;
            }
            link.childColumns().forEach(c -> values.put(c, null));
            return values;
        }
        Row parent = candidates.get(random.nextInt(candidates.size()));
        for (int i = 0; i < link.childColumns().size(); i++) {
            values.put(link.childColumns().get(i), parent.value(link.parentColumns().get(i)));
        }
        if (!notNull && link.childColumns().size() > 1 && roll < 20) {
            values.put(link.childColumns().get(random.nextInt(link.childColumns().size())), null); // MATCH SIMPLE
        } else if (!link.declared() && roll < 22) {
            String column = link.childColumns().get(0);
            values.put(column, keyValue(child.column(column).type(), 9000 + random.nextInt(999), link.child()));
        }
        return values;
    }

    private String plainValue(Table table, Column column, int seq, Map<String, String> values) {
        if (column.name().equals(Table.RID)) {
            return Long.toString(nextRid++);
        }
        if (table.role() == Table.Role.TARGET && column.type().equals(targetOf(table).tsType().sql)
                && column.name().equals(targetOf(table).timestamp())) {
            return null; // an age, set by age() once the row's tenant is known
        }
        boolean keyed = table.keys().stream().anyMatch(k -> k.contains(column.name()))
                || (table.role() == Table.Role.DESCENDANT && column.name().equals("id"));
        if (column.name().equals("bucket")) {
            return Integer.toString(random.nextInt(4));
        }
        if (table.role() == Table.Role.POLICY && column.name().equals(scenario.policy().retention())) {
            return retention(values.get(scenario.policy().key()));
        }
        if (keyed) {
            return keyValue(column.type(), seq, table.id());
        }
        if (column.type().equals("uuid")) {
            return random.nextInt(5) == 0 ? null : Sql.literal(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        if (column.type().equals("text")) {
            if (random.nextInt(4) == 0) {
                return null;
            }
            boolean accented = random.nextBoolean();
            if (awkward && seq % 3 != 0) {
                return Sql.literal(AWKWARD_TEXTS.get((seq + (accented ? 1 : 0)) % AWKWARD_TEXTS.size()));
            }
            return Sql.literal("row " + seq + (accented ? " ünï 'q'" : ""));
        }
        return null;
    }

    /** Unique within a table for distinct {@code seq}; ints are negative in some tables, texts need quoting. */
    private String keyValue(String type, int seq, int tableId) {
        long base = 1000L * tableId + seq;
        Table table = scenario.table(tableId);
        boolean rangeOnId = table.partitioning() != null && table.partitioning().strategy().equals("RANGE")
                && table.partitioning().columns().equals(List.of("id"));
        return switch (type) {
            case "integer" -> Long.toString(tableId % 4 == 3 && !rangeOnId ? -base : base);
            case "bigint" -> Long.toString(rangeOnId ? base : 5_000_000_000L + base);
            case "text" -> Sql.literal(textKey(tableId, seq));
            case "uuid" -> Sql.literal(new UUID(random.nextLong(), random.nextLong()).toString());
            default -> throw new IllegalArgumentException("no key values of type " + type);
        };
    }

    /** Unique by {@code seq}: a prefix ending in digits, then a suffix that starts with none (or a whole odd key). */
    private String textKey(int tableId, int seq) {
        if (!awkward) {
            return "k" + tableId + "-" + seq + List.of("", " x", "'q", "é", "-Z").get(seq % 5);
        }
        return switch (seq) {
            case 6 -> "";
            case 7 -> "NULL";
            default -> "k" + tableId + "-" + seq + AWKWARD_KEY_SUFFIXES.get(seq % AWKWARD_KEY_SUFFIXES.size());
        };
    }

    private String retention(String tenantLiteral) {
        boolean odd = scenario.families().contains(Family.RETENTION);
        int roll = random.nextInt(odd ? 100 : 80);
        String kind;
        String value;
        if (roll < 12) {
            kind = "null";
            value = null;
        } else if (roll < 20) {
            kind = "zero";
            value = "0";
        } else if (roll < 26) {
            kind = "negative";
            value = Integer.toString(-1 - random.nextInt(10));
        } else if (roll < 80) {
            kind = "whole";
            value = Integer.toString(1 + random.nextInt(roll < 75 ? 45 : 800));
        } else if (roll < 88) {
            kind = "fraction";
            value = BigDecimal.valueOf(random.nextInt(4000), 2).add(BigDecimal.valueOf(1, 2)).toPlainString();
        } else if (roll < 92) {
            kind = "NaN";
            value = "'NaN'";
        } else if (roll < 95) {
            kind = "infinity";
            value = random.nextBoolean() ? "'Infinity'" : "'-Infinity'";
        } else {
            kind = "huge";
            value = List.of("100000", "100000.5", "100001", "1e12", "99999.01").get(random.nextInt(5));
        }
        retentionKinds.add(kind);
        tenantDays.put(tenantLiteral, effectiveDays(value));
        return value;
    }

    /** The contract's days, approximately, only so that ages land near cutoffs; the oracle computes its own. */
    private Integer effectiveDays(String value) {
        Policy policy = scenario.policy();
        BigDecimal days;
        if (value == null) {
            if (policy.defaultDays() == null) {
                return null;
            }
            days = BigDecimal.valueOf(policy.defaultDays());
        } else if (value.startsWith("'")) {
            return null;
        } else {
            days = new BigDecimal(value).setScale(0, RoundingMode.CEILING);
        }
        if (days.compareTo(BigDecimal.valueOf(100_000)) > 0) {
            return null;
        }
        return Math.max(days.intValue(), policy.effectiveMinDays());
    }

    /** An age as an expression relative to now(): NULL, far older or younger than the cutoff, or close to it. */
    private String age(Target target, Map<String, String> values, boolean notNull) {
        Integer days = tenantDays.get(tenantOf(target, values));
        int roll = random.nextInt(100);
        if (!notNull && roll < 6) {
            ageKinds.add("null");
            return null;
        }
        int d = days != null ? days : random.nextInt(60);
        double seconds;
        String kind;
        if (roll < 35) {
            kind = "older";
            d += 1 + random.nextInt(60);
            seconds = random.nextInt(86_400);
        } else if (roll < 60) {
            kind = "younger";
            d = d == 0 ? 0 : random.nextInt(d);
            seconds = -random.nextInt(86_400);
        } else if (roll < 80) {
            kind = "cutoff ± hours";
            seconds = (random.nextDouble() * 2 - 1) * 26 * 3600;
        } else if (roll < 92) {
            kind = "cutoff ± seconds";
            seconds = (random.nextDouble() * 2 - 1) * 3;
        } else {
            // Between the data's now() and the run's: lands on either side of the cutoff the run computes.
            kind = "cutoff + run delay";
            seconds = -(random.nextDouble() * 1.5);
        }
        ageKinds.add(kind);
        String instant = "(now() - make_interval(days => " + d + ") + make_interval(secs => "
                + String.format(Locale.ROOT, "%.6f", -seconds) + "))";
        String zone = Sql.literal(scenario.runZone());
        return switch (target.tsType()) {
            case TIMESTAMPTZ -> instant;
            case TIMESTAMP -> "(" + instant + " AT TIME ZONE " + zone + ")";
            case DATE -> "(" + instant + " AT TIME ZONE " + zone + ")::date";
        };
    }

    private Target targetOf(Table table) {
        return scenario.targets().stream().filter(t -> t.table() == table.id()).findFirst().orElseThrow();
    }

    /** The tenant key literal a target row resolves to through its hops, or null. */
    private String tenantOf(Target target, Map<String, String> values) {
        String current = values.get(target.hops().get(0).column());
        for (int i = 1; i < target.hops().size() && current != null; i++) {
            Target.Hop previous = target.hops().get(i - 1);
            String next = null;
            for (Row row : rows.getOrDefault(previous.to(), List.of())) {
                if (current.equals(row.value(previous.toColumn()))) {
                    next = row.value(target.hops().get(i).column());
                    break;
                }
            }
            current = next;
        }
        return current;
    }
}

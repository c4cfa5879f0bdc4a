package dev.retentioncleanup.execute;

import static dev.retentioncleanup.db.Sql.param;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.GraphNode;
import dev.retentioncleanup.plan.ParentLink;
import dev.retentioncleanup.plan.ResolvedHop;
import dev.retentioncleanup.plan.TargetPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DeleteConditionStep;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The SQL of one target, built with jOOQ from catalog names: every identifier quoted, every value a
 * named parameter. Rendered once per run; executed many times (pgjdbc then uses server-side
 * prepared statements).
 *
 * <p>In a run, a batch's descendants are found through their links, nested down to the batch's target keys
 * bound as one typed array ({@code = any(:keys)}). In a dry run, they hang off a CTE {@code doomed(k)} of every
 * eligible target key.
 */
public final class Statements {
    public static final String MAX_CUTOFF = "max_cutoff";
    public static final String AFTER_TIMESTAMP = "after_timestamp";
    public static final String AFTER_KEY = "after_key";
    public static final String LIMIT = "limit";
    public static final String KEYS = "keys";
    public static final String TIMESTAMPS = "timestamps";
    public static final String ZONE = "zone";

    private static final String TARGET = "t";
    private static final String DOOMED = "doomed";
    private static final String HELD = "held";

    private final TargetPlan target;
    private final Table<?> cutoffs;
    private final BatchValues batch;

    /**
     * A batch's keys, their timestamps (where the key is unique only with them) and the row limit of a statement:
     * named parameters, or literals where a statement cannot take parameters ({@code COPY (DELETE …) TO STDOUT}).
     */
    record BatchValues(Field<Object> keys, Field<Object> timestamps, Field<Integer> limit) {
        static final BatchValues PARAMETERS = new BatchValues(param(KEYS), param(TIMESTAMPS),
                param(LIMIT).coerce(SQLDataType.INTEGER));
    }

    /** A run's statements: cutoffs from the session's temporary table. */
    public Statements(TargetPlan target) {
        this(target, CutoffTable.table());
    }

    /** @param cutoffs the table {@code c(tenant, cutoff)} the eligibility test joins */
    Statements(TargetPlan target, Table<?> cutoffs) {
        this(target, cutoffs, BatchValues.PARAMETERS);
    }

    private Statements(TargetPlan target, Table<?> cutoffs, BatchValues batch) {
        this.target = target;
        this.cutoffs = cutoffs;
        this.batch = batch;
    }

    /** The same statements with one batch's values written into them. */
    Statements with(BatchValues values) {
        return new Statements(target, cutoffs, values);
    }

    /** The next batch: oldest eligible target rows after the keyset position, locked, skipping rows others hold. */
    public Sql selectBatch(boolean afterPosition) {
        Field<Object> timestamp = col(TARGET, target.timestampColumn());
        Field<Object> key = col(TARGET, target.keyColumn());
        Condition after = afterPosition
                ? row(timestamp, key).gt(param(AFTER_TIMESTAMP), param(AFTER_KEY))
                : noCondition();
        return Sql.of(select(key, timestamp, tenantKey().as("tenant"))
                .from(eligibleFrom())
                .where(eligibleByAge()).and(after)
                .orderBy(timestamp, key)
                .limit(batch.limit())
                .forUpdate().of(tableAs(target.table(), TARGET)).skipLocked());
    }

    /**
     * Deletes at most {@code limit} rows of a descendant that belong to the batch. A {@code ctid} names a row only
     * inside one physical table: a partitioned or inherited descendant's rows are named by {@code (tableoid, ctid)},
     * which costs a join (measured slower than the {@code ctid} array: docs/performance.md), so plain tables keep the
     * array.
     */
    public Sql deleteDescendants(GraphNode node) {
        return Sql.of(descendantsDelete(node));
    }

    private DeleteConditionStep<?> descendantsDelete(GraphNode node) {
        Condition belongs = belongsToBatch(node, "x", new Aliases());
        if (node.severalPhysicalTables()) {
            Select<?> chosen = select(col("x", "tableoid"), col("x", "ctid")).from(tableAs(node.table(), "x"))
                    .where(belongs).limit(batch.limit());
            return DSL.delete(tableAs(node.table(), "d"))
                    .where(DSL.condition("({0}, {1}) in ({2})", col("d", "tableoid"), col("d", "ctid"), chosen));
        }
        Select<?> chosen = select(col("x", "ctid")).from(tableAs(node.table(), "x"))
                .where(belongs).limit(batch.limit());
        return DSL.delete(tableAs(node.table(), "d"))
                .where(DSL.condition("{0} = any(array({1}))", col("d", "ctid"), chosen));
    }

    public Sql deleteTargets() {
        return Sql.of(targetsDelete());
    }

    private DeleteConditionStep<?> targetsDelete() {
        return DSL.deleteFrom(tableAs(target.table(), TARGET)).where(inBatch(TARGET));
    }

    /** {@link #deleteDescendants} returning every deleted row, for {@code COPY … TO STDOUT}. */
    Query deleteDescendantsReturning(GraphNode node) {
        return descendantsDelete(node).returning(DSL.asterisk());
    }

    /** {@link #deleteTargets} returning every deleted row, for {@code COPY … TO STDOUT}. */
    Query deleteTargetsReturning() {
        return targetsDelete().returning(DSL.asterisk());
    }

    /**
     * After a committed drain step the locks are gone: take them again, dropping rows that vanished, that others
     * hold, or that are no longer eligible (moved to another tenant, made younger) since the batch was selected.
     */
    public Sql relockTargets() {
        return Sql.of(select(col(TARGET, target.keyColumn()), col(TARGET, target.timestampColumn()))
                .from(eligibleFrom()).where(eligibleByAge()).and(inBatch(TARGET))
                .forUpdate().of(tableAs(target.table(), TARGET)).skipLocked());
    }

    /** Locks target rows by key, skipping those others hold: eligible rows that must go with the batch. */
    public Sql lockTargets() {
        return Sql.of(select(col(TARGET, target.keyColumn())).from(tableAs(target.table(), TARGET))
                .where(inBatch(TARGET)).forUpdate().skipLocked());
    }

    /**
     * The rows that reference the batch through the target's self-links, directly or through other such rows, as
     * {@code (referencing key, batch key, tenant when eligible else null)}. A batch row with a non-eligible row among
     * its referencers is held; eligible referencers outside the batch must go with it.
     */
    public Sql selfReferencers() {
        Field<Object> key = col("r", target.keyColumn());
        Table<?> keys = table("unnest({0})", batch.keys()).as("b", "k");
        CommonTableExpression<?> up = name("up").fields("k", "root").as(
                select(key, col("b", "k")).from(keys).join(tableAs(target.table(), "r"))
                        .on(referencesSelf("r", col("b", "k")))
                        .union(select(key, col("up", "root")).from(table(name("up"))).join(tableAs(target.table(), "r"))
                                .on(referencesSelf("r", col("up", "k")))));
        Field<String> tenantIfEligible = DSL.field(select(tenantKey()).from(eligibleFrom()).where(eligibleByAge())
                .and(col(TARGET, target.keyColumn()).eq(col("up", "k"))).limit(DSL.inline(1)));
        return Sql.of(DSL.withRecursive(up)
                .select(col("up", "k"), col("up", "root"), tenantIfEligible).from(table(name("up"))));
    }

    /**
     * Restore: the rows of {@code rows} (a copy of {@code table}'s columns) that belong to the tenants of the cutoffs
     * table: a target row through its tenant path, a descendant's through its links down to target rows already in
     * the database (restore puts parents back first).
     */
    Select<?> rowsOfTenants(TableName table, Table<?> rows) {
        if (table.equals(target.table())) {
            return select(table(name(TARGET)).asterisk()).from(eligibleFrom(rows.as(name(TARGET)), false));
        }
        GraphNode node = target.graph().node(table).orElseThrow(
                () -> new IllegalArgumentException(table.display() + " is not in the graph of " + target.table().display()));
        Select<?> keys = select(identity(TARGET)).from(eligibleFrom());
        return select(DSL.asterisk()).from(rows.as(name("x"))).where(belongsTo(node, "x", new Aliases(),
                key -> in(List.of(key), select(col(TARGET, target.keyColumn())).from(eligibleFrom())),
                alias -> in(identity(alias), keys), Statements::in));
    }

    /** A copy of these statements whose eligibility joins {@code cutoffs} ({@code c(tenant, cutoff)}) instead. */
    Statements withCutoffs(Table<?> cutoffs) {
        return new Statements(target, cutoffs, batch);
    }

    /** Dry run: eligible target rows per tenant (held rows are not deleted, so not counted). */
    public Sql countEligibleByTenant() {
        Field<Object> tenant = col("c", "tenant");
        return Sql.of(select(tenant, DSL.count())
                .from(eligibleFrom()).where(eligibleWhere()).groupBy(tenant));
    }

    /**
     * Dry run: rows of one descendant that hang off any eligible target row. The eligible keys stay an inline
     * subquery (a CTE used once is inlined), so the planner sees their real number and counts a large backlog
     * with one hash semi-join over the table, much faster than materialising the keys once and chaining every table
     * through them (figures in docs/performance.md).
     */
    public Sql countEligibleDescendants(GraphNode node) {
        return Sql.of(DSL.with(eligibleKeys())
                .select(DSL.count()).from(tableAs(node.table(), "x"))
                .where(belongsToDoomed(node, "x", new Aliases())));
    }

    /**
     * Whether every row of {@code node} belongs to a target row through one column that references the target's
     * key: such children are counted together by {@link #countEligibleDirectChildren}.
     */
    public boolean isDirectChild(GraphNode node) {
        if (node.parents().size() != 1) {
            return false;
        }
        return isDirectLink(node.parents().get(0));
    }

    /** One column referencing the target's key, when the key alone names a row. */
    private boolean isDirectLink(ParentLink link) {
        return !target.keyWithTimestamp() && link.parent().equals(target.table())
                && link.parentColumns().equals(List.of(target.keyColumn()));
    }

    /**
     * Dry run: eligible rows of several direct children in one statement, as {@code (index into nodes, count)} for
     * the children that have any. Every child's referencing column goes into one {@code UNION ALL} that is tested
     * once against the eligible keys, so the eligible keys are found and hashed once for all children rather than
     * once per child: faster than one statement per child for a large backlog and a small one (docs/performance.md).
     */
    public Sql countEligibleDirectChildren(List<GraphNode> nodes) {
        Select<Record2<Integer, Object>> children = null;
        for (int i = 0; i < nodes.size(); i++) {
            GraphNode node = nodes.get(i);
            if (!isDirectChild(node)) {
                throw new IllegalArgumentException(node.table().display() + " is not a direct child of "
                        + target.table().display());
            }
            var child = select(DSL.inline(i).as("n"), col("x", node.parents().get(0).childColumns().get(0)).as("k"))
                    .from(tableAs(node.table(), "x"));
            children = children == null ? child : children.unionAll(child);
        }
        if (children == null) {
            throw new IllegalArgumentException("no children to count");
        }
        Field<Object> n = col("u", "n");
        return Sql.of(select(n, DSL.count()).from(children.asTable("u"))
                .where(in(List.of(col("u", "k")), select(col(TARGET, target.keyColumn()))
                        .from(eligibleFrom()).where(eligibleWhere())))
                .groupBy(n));
    }

    /**
     * Dry run: the ctids of the rows of {@code table} (the target or one of its descendants) that this target's run
     * would delete. Row sets, not counts, so that a table under several targets can count each row once.
     */
    public Select<Record2<Object, Object>> eligibleRows(TableName table) {
        if (table.equals(target.table())) {
            return select(col(TARGET, "tableoid"), col(TARGET, "ctid")).from(eligibleFrom()).where(eligibleWhere());
        }
        GraphNode node = target.graph().node(table).orElseThrow(
                () -> new IllegalArgumentException(table.display() + " is not in the graph of " + target.table().display()));
        return DSL.with(eligibleKeys())
                .select(col("x", "tableoid"), col("x", "ctid")).from(tableAs(node.table(), "x"))
                .where(belongsToDoomed(node, "x", new Aliases()));
    }

    /**
     * {@code count(*)} of the union of row sets ({@link #eligibleRows}, possibly of several targets): a row that
     * several select counts once. Each row set is a derived table of its own, so its {@code doomed} CTE stays its own.
     */
    public static Sql countUnion(List<Select<Record2<Object, Object>>> rowSets) {
        Select<Record2<Object, Object>> union = null;
        for (int i = 0; i < rowSets.size(); i++) {
            Select<Record2<Object, Object>> rows = DSL.selectFrom(rowSets.get(i).asTable("s" + i));
            union = union == null ? rows : union.union(rows);
        }
        if (union == null) {
            throw new IllegalArgumentException("no row sets to count");
        }
        return Sql.of(select(DSL.count()).from(union.asTable("u")));
    }

    /**
     * Whether any row of {@code partition} (of {@code table}: the target or one of its descendants) would stay after
     * a complete run: the proof a partition may be removed whole is that none does. Rows of tenants without a policy,
     * younger than their cutoff, held by a self-reference, or of a descendant whose parents all stay, stay. With
     * {@code sample}, only that many rows are looked at: a cheap first test that rules out partitions with rows that
     * stay (the live ones) without reading them whole.
     *
     * <p>Each row is tested on its own (its tenant through outer joins, its parents through correlated {@code EXISTS}
     * on their keys), so the planner probes the parents' indexes, pruning their partitions, instead of computing every
     * eligible row of the target for each partition (figures in docs/performance.md).
     */
    public Sql anyRowStays(TableName table, TableName partition, Integer sample) {
        Table<?> rows;
        Condition stays;
        if (table.equals(target.table())) {
            rows = eligibleFrom(sampled(partition, TARGET, sample), true);
            stays = DSL.condition("({0}) is not true", eligibleWhere());
        } else {
            GraphNode node = target.graph().node(table).orElseThrow(() -> new IllegalArgumentException(
                    table.display() + " is not in the graph of " + target.table().display()));
            rows = sampled(partition, "x", sample);
            stays = DSL.not(doomedThroughLinks(node, "x", new Aliases()));
        }
        return Sql.of(select(DSL.field(DSL.exists(select(DSL.inline(1)).from(rows).where(stays)))));
    }

    private static Table<?> sampled(TableName partition, String alias, Integer sample) {
        if (sample == null) {
            return tableAs(partition, alias);
        }
        return select(DSL.asterisk()).from(table(partition.qualifiedName()))
                .limit(DSL.inline(sample)).asTable(alias);
    }

    /** The row at {@code alias} of {@code node} hangs, through one of its links, off a row a complete run deletes. */
    private Condition doomedThroughLinks(GraphNode node, String alias, Aliases aliases) {
        List<Condition> links = new ArrayList<>();
        for (ParentLink link : node.parents()) {
            List<Field<Object>> children = columns(alias, link.childColumns());
            if (link.parent().equals(target.table())) {
                links.add(DSL.exists(select(DSL.inline(1)).from(eligibleFrom()).where(eligibleWhere())
                        .and(DSL.row(columns(TARGET, link.parentColumns())).eq(DSL.row(children)))));
                continue;
            }
            String p = aliases.next();
            GraphNode parent = target.graph().node(link.parent()).orElseThrow(() -> new IllegalStateException(
                    link.parent().display() + " is not in the graph of " + target.table().display()));
            links.add(DSL.exists(select(DSL.inline(1)).from(tableAs(link.parent(), p))
                    .where(DSL.row(columns(p, link.parentColumns())).eq(DSL.row(children)))
                    .and(doomedThroughLinks(parent, p, aliases))));
        }
        return DSL.or(links);
    }

    /** The rows of a partition of the target, per tenant: what removing it deletes, for the report. */
    public Sql countPartitionByTenant(TableName partition) {
        Field<Object> tenant = col("c", "tenant");
        return Sql.of(select(tenant, DSL.count()).from(eligibleFrom(tableAs(partition, TARGET), false))
                .where(eligibleWhere()).groupBy(tenant));
    }

    /** Dry run: how many eligible target rows are held by kept rows that reference them through self-links. */
    public Sql countHeld() {
        return Sql.of(select(DSL.count()).from(heldKeys().asTable("h")));
    }

    private CommonTableExpression<?> eligibleKeys() {
        return name(DOOMED).fields(doomedFields()).as(select(identity(TARGET))
                .from(eligibleFrom()).where(eligibleWhere()));
    }

    private String[] doomedFields() {
        return target.keyWithTimestamp() ? new String[] {"k", "s"} : new String[] {"k"};
    }

    private List<Field<Object>> identity(String alias) {
        return columns(alias, target.identityColumns());
    }

    /** The target row at {@code alias} is one of the batch's: by key, or by key and timestamp. */
    private Condition inBatch(String alias) {
        Condition byKey = DSL.condition("{0} = any({1})", col(alias, target.keyColumn()), batch.keys());
        if (!target.keyWithTimestamp()) {
            return byKey;
        }
        return byKey.and(DSL.condition("({0}, {1}) in (select * from unnest({2}, {3}))", col(alias, target.keyColumn()),
                col(alias, target.timestampColumn()), batch.keys(), batch.timestamps()));
    }

    /** The target row at {@code alias} is doomed in the dry run: its identity is in the {@code doomed} CTE. */
    private Condition inDoomed(String alias) {
        return in(identity(alias), select(columns(DOOMED, List.of(doomedFields()))).from(table(name(DOOMED))));
    }

    /**
     * Eligible target rows that stay because a row the run keeps references them through a self-link, directly or
     * through other eligible rows (kept rows would otherwise lose, or cascade from, what they reference).
     */
    private Select<?> heldKeys() {
        Field<Object> key = col("r", target.keyColumn());
        Table<?> eligible = table(name("e")).as("e");
        CommonTableExpression<?> e = name("e").fields("k").as(select(col(TARGET, target.keyColumn()))
                .from(eligibleFrom()).where(eligibleByAge()));
        CommonTableExpression<?> held = name(HELD).fields("k").as(
                select(col("e", "k")).from(eligible).join(tableAs(target.table(), "r"))
                        .on(referencesSelf("r", col("e", "k")))
                        .where(key.notIn(select(col("e2", "k")).from(table(name("e")).as("e2"))))
                        .union(select(col("e", "k")).from(eligible).join(tableAs(target.table(), "r"))
                                .on(referencesSelf("r", col("e", "k")))
                                .join(table(name(HELD)).as("h")).on(col("h", "k").eq(key))));
        return DSL.withRecursive(e, held).select(col(HELD, "k")).from(table(name(HELD)));
    }

    /** The row at {@code alias} references {@code key} through one of the target's self-links. */
    private Condition referencesSelf(String alias, Field<Object> key) {
        List<Condition> links = new ArrayList<>();
        for (ParentLink link : target.graph().selfLinks()) {
            links.add(col(alias, link.childColumns().get(0)).eq(key));
        }
        return DSL.or(links);
    }

    /** The target joined along its tenant path to the tenants' cutoffs ({@code c(tenant, cutoff)}). */
    private Table<?> eligibleFrom() {
        return eligibleFrom(tableAs(target.table(), TARGET), false);
    }

    /**
     * {@code source}: the target as {@code t}, or rows of one of its partitions. With {@code outer}, every source row
     * stays in the result, with nulls where it has no tenant or no cutoff (so it is not eligible).
     */
    private Table<?> eligibleFrom(Table<?> source, boolean outer) {
        Table<?> from = source;
        String previous = TARGET;
        List<ResolvedHop> hops = target.tenantPath();
        for (int i = 0; i < hops.size() - 1; i++) {
            ResolvedHop hop = hops.get(i);
            String alias = "h" + (i + 1);
            from = (outer ? from.leftJoin(tableAs(hop.to(), alias)) : from.join(tableAs(hop.to(), alias))).on(col(alias, hop.toColumn()).eq(col(previous, hop.fromColumn())));
            previous = alias;
        }
        return (outer ? from.leftJoin(cutoffs) : from.join(cutoffs)).on(col("c", "tenant").eq(tenantKey()));
    }

    /** Dry run: eligible by age and not held by a self-reference from a kept row. */
    private Condition eligibleWhere() {
        if (target.graph().selfLinks().isEmpty()) {
            return eligibleByAge();
        }
        return eligibleByAge().and(col(TARGET, target.keyColumn()).notIn(heldKeys()));
    }

    /**
     * Older than the tenant's cutoff, compared in the column's own terms: an instant for timestamptz, wall time in
     * the run's zone for timestamp, and for a date the whole day (a day goes when it ends before the cutoff).
     */
    private Condition eligibleByAge() {
        Field<Object> timestamp = col(TARGET, target.timestampColumn());
        // The constant bound lets the planner scan only the old end of the timestamp index.
        Condition old = timestamp.lt(cutoffAs(col("c", "cutoff"))).and(timestamp.lt(cutoffAs(param(MAX_CUTOFF))));
        if (target.inherited()) {
            // No unique index spans INHERITS children: a key found twice could name a kept row too, so it waits.
            old = old.and(DSL.notExists(select(DSL.inline(1)).from(tableAs(target.table(), "t2"))
                    .where(col("t2", target.keyColumn()).eq(col(TARGET, target.keyColumn())))
                    .and(DSL.condition("({0}, {1}) <> ({2}, {3})", col("t2", "tableoid"), col("t2", "ctid"),
                            col(TARGET, "tableoid"), col(TARGET, "ctid")))));
        }
        return old;
    }

    private Field<?> cutoffAs(Field<?> cutoff) {
        return switch (target.timestampKind()) {
            case TIMESTAMPTZ -> cutoff;
            case TIMESTAMP -> DSL.field("timezone({0}, {1})", Object.class, param(ZONE), cutoff);
            case DATE -> DSL.field("cast(timezone({0}, {1}) as date)", Object.class, param(ZONE),
                    cutoff);
        };
    }

    /** The tenant key as text: tenants are compared by their canonical text, whatever the key type. */
    private Field<String> tenantKey() {
        List<ResolvedHop> hops = target.tenantPath();
        String alias = hops.size() == 1 ? TARGET : "h" + (hops.size() - 1);
        return DSL.cast(col(alias, target.lastHop().fromColumn()), SQLDataType.CLOB);
    }

    /** Rows of {@code node} doomed in a dry run: hanging off the eligible keys of the {@code doomed} CTE. */
    private Condition belongsToDoomed(GraphNode node, String alias, Aliases aliases) {
        return belongsTo(node, alias, aliases, key -> in(List.of(key), select(col(DOOMED, "k")).from(table(name(DOOMED)))),
                this::inDoomed, Statements::in);
    }

    /**
     * Rows of {@code node} doomed in a run: a link to the target's key is {@code column = any(:keys)}, an index scan
     * over the bound array, half the cost of a join against the unnested keys.
     */
    private Condition belongsToBatch(GraphNode node, String alias, Aliases aliases) {
        return belongsTo(node, alias, aliases, key -> DSL.condition("{0} = any({1})", key, batch.keys()),
                this::inBatch, Statements::inArray);
    }

    /**
     * Rows of {@code node} that reference, through any of its links, doomed rows: a link to the target's key (when
     * the key alone names a row) is {@code isDoomedKey} on the referencing column; any other link goes through its
     * parent's doomed rows ({@code isDoomedTarget} on the target's row), down to the target.
     */
    private Condition belongsTo(GraphNode node, String alias, Aliases aliases,
            Function<Field<Object>, Condition> isDoomedKey, Function<String, Condition> isDoomedTarget,
            BiFunction<List<Field<Object>>, Select<?>, Condition> inParentRows) {
        List<Condition> links = new ArrayList<>();
        for (ParentLink link : node.parents()) {
            List<Field<Object>> children = columns(alias, link.childColumns());
            TableName parent = link.parent();
            if (isDirectLink(link)) {
                links.add(isDoomedKey.apply(children.get(0)));
                continue;
            }
            String p = aliases.next();
            Condition parentDoomed = parent.equals(target.table())
                    ? isDoomedTarget.apply(p)
                    : belongsTo(target.graph().node(parent).orElseThrow(() -> new IllegalStateException(
                            parent.display() + " is not in the graph of " + target.table().display())), p, aliases,
                            isDoomedKey, isDoomedTarget, inParentRows);
            links.add(inParentRows.apply(children,
                    select(columns(p, link.parentColumns())).from(tableAs(parent, p)).where(parentDoomed)));
        }
        return DSL.or(links);
    }

    /**
     * A batch's parent rows as an array, {@code column = any(array(…))}: the planner cannot see the array's size, so it
     * probes the child's index once per parent key instead of hashing the whole child table in every batch (figures in
     * docs/performance.md). The array is bounded by the batch. Several columns keep {@code in}.
     */
    private static Condition inArray(List<Field<Object>> columns, Select<?> values) {
        if (columns.size() == 1) {
            return DSL.condition("{0} = any(array({1}))", columns.get(0), values);
        }
        return in(columns, values);
    }

    private static Condition in(List<Field<Object>> columns, Select<?> values) {
        if (columns.size() == 1) {
            return DSL.condition("{0} in ({1})", columns.get(0), values);
        }
        return DSL.condition("({0}) in ({1})", DSL.list(columns), values);
    }

    static List<Field<Object>> columns(String alias, List<String> names) {
        List<Field<Object>> fields = new ArrayList<>();
        for (String column : names) {
            fields.add(col(alias, column));
        }
        return fields;
    }

    private static Field<Object> col(String alias, String column) {
        return field(name(alias, column));
    }

    private static Table<?> tableAs(TableName table, String alias) {
        return table(table.qualifiedName()).as(name(alias));
    }

    /** Distinct aliases for nested subqueries, so no column reference binds to the wrong scope. */
    private static final class Aliases {
        private int next = 1;

        String next() {
            return "p" + next++;
        }
    }
}

package dev.retentioncleanup.plan;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.db.ForeignKey;
import dev.retentioncleanup.db.OnDelete;
import dev.retentioncleanup.db.TableName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds everything that hangs off a target and orders it leaf-first. Pure: the catalog's foreign keys
 * come in as a function, so the ordering is tested without a database.
 *
 * <p>Children whose foreign key is {@code ON DELETE SET NULL/SET DEFAULT} are left to the database: their
 * rows are kept. Tables in {@code skip} are never deleted from explicitly ({@code check} reports what the
 * database will then do).
 */
public final class DeleteGraphBuilder {
    private static final Comparator<TableName> BY_NAME = Comparator.comparing(TableName::display);

    private final Function<TableName, List<ForeignKey>> referencing;
    private final List<ForeignKey> extraLinks;
    private final Set<TableName> skip;
    private final boolean followDeclared;
    private final Predicate<TableName> severalPhysicalTables;

    /**
     * @param referencing    declared foreign keys whose parent is the given table
     * @param extraLinks     undeclared relations ({@code extra_children}), as foreign keys
     * @param skip           tables never to delete from explicitly
     * @param followDeclared {@code children: auto}; when false only {@code extraLinks} are followed
     * @param severalPhysicalTables whether a table's rows live in several physical tables (partitions, INHERITS)
     */
    public DeleteGraphBuilder(Function<TableName, List<ForeignKey>> referencing, List<ForeignKey> extraLinks,
            Set<TableName> skip, boolean followDeclared, Predicate<TableName> severalPhysicalTables) {
        this.referencing = referencing;
        this.extraLinks = List.copyOf(extraLinks);
        this.skip = Set.copyOf(skip);
        this.followDeclared = followDeclared;
        this.severalPhysicalTables = severalPhysicalTables;
    }

    /** @param where the config key naming this target, for error messages (e.g. {@code targets[0]}) */
    public DeleteGraph build(TableName target, String where) {
        List<ParentLink> selfLinks = new ArrayList<>();
        Map<TableName, List<ParentLink>> parentsOf = collect(target, selfLinks, where);
        List<TableName> order = leafFirst(target, parentsOf, where);
        List<GraphNode> descendants = new ArrayList<>();
        for (TableName table : order) {
            if (!table.equals(target)) {
                descendants.add(new GraphNode(table, parentsOf.get(table), severalPhysicalTables.test(table)));
            }
        }
        return new DeleteGraph(target, descendants, selfLinks);
    }

    /**
     * A self-reference is between peers, not ownership: on the target it goes to {@code selfLinks} (kept rows hold
     * what they reference); on a descendant it is refused, since holding a descendant row would have to hold the
     * target rows above it.
     */
    private Map<TableName, List<ParentLink>> collect(TableName target, List<ParentLink> selfLinks, String where) {
        Map<TableName, List<ParentLink>> parentsOf = new LinkedHashMap<>();
        parentsOf.put(target, new ArrayList<>());
        Deque<TableName> queue = new ArrayDeque<>(List.of(target));
        while (!queue.isEmpty()) {
            TableName parent = queue.removeFirst();
            for (ForeignKey fk : linksInto(parent)) {
                if (leftToTheDatabase(fk) || skip.contains(fk.child())) {
                    continue;
                }
                ParentLink link = new ParentLink(fk.childColumns(), parent, fk.parentColumns(), fk.name());
                if (fk.child().equals(parent)) {
                    if (!parent.equals(target)) {
                        throw new ConfigException(where + ": " + parent.display() + " references itself ("
                                + fk.name() + "); self-references are supported on a target only: break it with "
                                + "skip_children or an ON DELETE SET NULL foreign key");
                    }
                    if (!selfLinks.contains(link)) {
                        selfLinks.add(link);
                    }
                    continue;
                }
                List<ParentLink> links = parentsOf.computeIfAbsent(fk.child(), t -> {
                    queue.addLast(t);
                    return new ArrayList<>();
                });
                if (!links.contains(link)) {
                    links.add(link);
                }
            }
        }
        return parentsOf;
    }

    /** SET NULL / SET DEFAULT: the database keeps the child row and rewrites its reference. */
    private static boolean leftToTheDatabase(ForeignKey fk) {
        return fk.onDelete() == OnDelete.SET_NULL || fk.onDelete() == OnDelete.SET_DEFAULT;
    }

    /**
     * The links into {@code parent} to follow: its declared children ({@code children: auto}) and the extra ones. A
     * declared self-reference is followed whatever the children setting: it is a peer link, not a child, and the
     * database enforces it (held rows on the target, a configuration error on a descendant).
     */
    private List<ForeignKey> linksInto(TableName parent) {
        List<ForeignKey> links = new ArrayList<>();
        for (ForeignKey fk : referencing.apply(parent)) {
            if (followDeclared || fk.child().equals(parent)) {
                links.add(fk);
            }
        }
        for (ForeignKey extra : extraLinks) {
            if (extra.parent().equals(parent)) {
                links.add(extra);
            }
        }
        links.sort(Comparator.comparing((ForeignKey fk) -> fk.child().display()).thenComparing(ForeignKey::name));
        return links;
    }

    /** Kahn's algorithm on "is referenced by": a table is ready once every table that references it is done. */
    private static List<TableName> leafFirst(TableName target, Map<TableName, List<ParentLink>> parentsOf,
            String where) {
        Map<TableName, Set<TableName>> childrenOf = new HashMap<>();
        for (var entry : parentsOf.entrySet()) {
            for (ParentLink link : entry.getValue()) {
                childrenOf.computeIfAbsent(link.parent(), t -> new LinkedHashSet<>()).add(entry.getKey());
            }
        }
        Map<TableName, Integer> pendingChildren = new HashMap<>();
        TreeSet<TableName> ready = new TreeSet<>(BY_NAME);
        for (TableName table : parentsOf.keySet()) {
            int count = childrenOf.getOrDefault(table, Set.of()).size();
            pendingChildren.put(table, count);
            if (count == 0) {
                ready.add(table);
            }
        }
        List<TableName> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            TableName done = ready.pollFirst();
            order.add(done);
            Set<TableName> parents = new LinkedHashSet<>();
            parentsOf.get(done).forEach(link -> parents.add(link.parent()));
            for (TableName parent : parents) {
                if (pendingChildren.merge(parent, -1, Integer::sum) == 0) {
                    ready.add(parent);
                }
            }
        }
        if (order.size() < parentsOf.size()) {
            throw new ConfigException(where + ": the tables that hang off " + target.display()
                    + " reference each other in a cycle (" + describeCycle(parentsOf, childrenOf, order)
                    + "); leaf-first deletion needs an acyclic graph: break it with skip_children or an "
                    + "ON DELETE SET NULL foreign key");
        }
        return order;
    }

    /** Walks from an unfinished table to one of its unfinished children until a table repeats. */
    private static String describeCycle(Map<TableName, List<ParentLink>> parentsOf,
            Map<TableName, Set<TableName>> childrenOf, List<TableName> done) {
        Set<TableName> finished = Set.copyOf(done);
        TableName current = parentsOf.keySet().stream().filter(t -> !finished.contains(t)).min(BY_NAME).orElseThrow();
        List<TableName> path = new ArrayList<>();
        while (!path.contains(current)) {
            path.add(current);
            current = childrenOf.getOrDefault(current, Set.of()).stream()
                    .filter(t -> !finished.contains(t)).min(BY_NAME).orElseThrow();
        }
        List<TableName> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        cycle.add(current);
        return String.join(" <- ", cycle.stream().map(TableName::display).toList());
    }
}

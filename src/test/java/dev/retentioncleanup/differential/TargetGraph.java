package dev.retentioncleanup.differential;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A target's delete graph as the contract defines it: from the target, every link whose parent is in the graph
 * (declared ones only with {@code children: auto}, undeclared ones only when this target lists them), except
 * SET NULL / SET DEFAULT links, links into {@code skip_children}, and self-references (peers, not owners).
 */
record TargetGraph(Set<Integer> tables, List<Link> links) {

    static TargetGraph of(Scenario scenario, Target target) {
        return of(scenario.links(), target);
    }

    static TargetGraph of(List<Link> allLinks, Target target) {
        Set<Integer> tables = new LinkedHashSet<>(List.of(target.table()));
        List<Link> followed = new ArrayList<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Link link : allLinks) {
                if (followed.contains(link) || !tables.contains(link.parent()) || !follows(target, link)) {
                    continue;
                }
                followed.add(link);
                grew |= tables.add(link.child());
            }
        }
        return new TargetGraph(tables, followed);
    }

    private static boolean follows(Target target, Link link) {
        if (link.selfReference() || !link.onDelete().followed() || target.skipChildren().contains(link.child())) {
            return false;
        }
        return link.declared() ? target.autoChildren() : target.extraLinks().contains(link.id());
    }
}

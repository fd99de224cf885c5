package dev.microsim.faults.schedule;

import dev.microsim.model.graph.CallGraph;
import dev.microsim.faults.kinds.Fault;
import dev.microsim.faults.kinds.Partition;
import dev.microsim.model.scenario.FaultTarget;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who a fault is expected to affect through the call graph: its root causes, the service it acts on,
 * and every caller upstream of where it acts (the caller of an edge, else the service), transitively.
 */
final class Impact {
    private Impact() {}

    static List<String> rootCauses(Fault fault, FaultTarget target) {
        return List.copyOf(new TreeSet<>(fault.rootCauses(target)));
    }

    static List<String> affected(Fault fault, FaultTarget target, CallGraph graph) {
        Set<String> out = new TreeSet<>(fault.rootCauses(target));
        out.add(target.service());
        Set<String> actsAt = new TreeSet<>();
        if (target.caller().isPresent()) {
            actsAt.add(target.caller().get());
            if (fault instanceof Partition) actsAt.add(target.service()); // both directions are cut
        } else {
            actsAt.add(target.service());
            actsAt.addAll(fault.rootCauses(target));
        }
        for (String s : actsAt) {
            out.add(s);
            out.addAll(graph.upstream(s));
        }
        out.addAll(fault.alsoAffected(target, graph));
        return List.copyOf(out);
    }
}

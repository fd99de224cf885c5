package dev.microsim.detector.rank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every signal's {@link ChangeScore} for one incident, looked up by service and metric. */
final class SignalIndex {

    record Scored(Signal signal, ChangeScore change) {
        double z() {
            return change.score();
        }

        double delta() {
            return change.windowMedian() - change.baselineMedian();
        }
    }

    private static final Scored NOTHING = new Scored(null, ChangeScore.NONE);

    private final Map<String, Map<String, List<Scored>>> own = new HashMap<>();
    private final Map<String, List<Scored>> into = new HashMap<>();
    private final Map<String, List<Scored>> outOf = new HashMap<>();

    private final TimeGrid grid;
    private final IncidentWindow window;

    SignalIndex(Observations observations, IncidentWindow window) {
        this.grid = observations.grid();
        this.window = window;
        for (Signal signal : observations.signals()) {
            Scored scored = new Scored(signal, ChangeScore.of(signal, window));
            if (signal.isCall()) {
                into.computeIfAbsent(signal.peer(), p -> new ArrayList<>()).add(scored);
                outOf.computeIfAbsent(signal.service(), p -> new ArrayList<>()).add(scored);
            } else {
                own.computeIfAbsent(signal.service(), s -> new HashMap<>()).computeIfAbsent(signal.metric(), m -> new ArrayList<>()).add(scored);
            }
        }
    }

    /** The service's most anomalous signal with this metric (over endpoints, templates), or nothing. */
    Scored best(String service, String metric) {
        Scored best = NOTHING;
        for (Scored s : own.getOrDefault(service, Map.of()).getOrDefault(metric, List.of())) {
            if (s.z() > best.z()) {
                best = s;
            }
        }
        return best;
    }

    Scored best(String service, List<String> metrics) {
        Scored best = NOTHING;
        for (String metric : metrics) {
            Scored s = best(service, metric);
            if (s.z() > best.z()) {
                best = s;
            }
        }
        return best;
    }

    /** Call signals with this metric on calls into the service, one per caller. */
    List<Scored> into(String service, String metric) {
        return into.getOrDefault(service, List.of()).stream().filter(s -> s.signal().metric().equals(metric)).toList();
    }

    /** Call signals with this metric on calls the service makes, one per callee. */
    List<Scored> outOf(String service, String metric) {
        return outOf.getOrDefault(service, List.of()).stream().filter(s -> s.signal().metric().equals(metric)).toList();
    }

    /** The call signal of this metric from caller to callee, or nothing. */
    Scored call(String caller, String callee, String metric) {
        for (Scored s : outOf.getOrDefault(caller, List.of())) {
            if (s.signal().peer().equals(callee) && s.signal().metric().equals(metric)) {
                return s;
            }
        }
        return NOTHING;
    }

    TimeGrid grid() {
        return grid;
    }

    IncidentWindow window() {
        return window;
    }

    static boolean present(Scored s) {
        return s.signal() != null;
    }
}

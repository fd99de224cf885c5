package dev.microsim.model.scenario;

import dev.microsim.model.dist.Distribution;
import java.util.List;

/** What each arrival (open model) or user iteration (closed model) does. */
public sealed interface Workload permits Workload.Single, Workload.Journeys {

    /** One request to one entrypoint. */
    record Single(EndpointRef target) implements Workload {
        public Single {
            if (target == null) throw new IllegalArgumentException("target is required");
        }
    }

    /** A user journey picked by weight per arrival: requests in order with think time between them. */
    record Journeys(List<Journey> journeys) implements Workload {
        public Journeys {
            if (journeys == null || journeys.isEmpty()) throw new IllegalArgumentException("journeys needs at least one journey");
            journeys = List.copyOf(journeys);
        }

        public double totalWeight() {
            return journeys.stream().mapToDouble(Journey::weight).sum();
        }
    }

    record Journey(String name, double weight, List<Visit> visits) {
        public Journey {
            if (!(weight > 0)) throw new IllegalArgumentException("weight must be > 0, got " + weight);
            if (visits == null || visits.isEmpty()) throw new IllegalArgumentException("a journey needs at least one request");
            visits = List.copyOf(visits);
        }
    }

    /** One request of a journey, then {@code think} before the next. */
    record Visit(EndpointRef target, Distribution think) {
        public Visit {
            if (target == null) throw new IllegalArgumentException("target is required");
        }
    }
}

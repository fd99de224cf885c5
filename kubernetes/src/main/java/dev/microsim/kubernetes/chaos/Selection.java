package dev.microsim.kubernetes.chaos;

import java.util.Set;

/** Which pods a chaos resource acts on (its {@code selector}, or a NetworkChaos {@code target}). */
public sealed interface Selection {
    /** Every pod of a simulated service (label selector). */
    record Service(String service) implements Selection {}

    /** Some replicas of a service: positions in its pod list, resolved to pod names at injection. */
    record Replicas(String service, Set<Integer> replicas) implements Selection {
        public Replicas {
            replicas = Set.copyOf(replicas);
        }
    }

    /** Every simulated service's pods but this one's (a partition around it). */
    record AllServicesExcept(String service) implements Selection {}

    /** The target's service or replicas, as the fault names them. */
    static Selection of(String service, java.util.Optional<? extends java.util.Collection<Integer>> replicas) {
        return replicas.<Selection>map(r -> new Replicas(service, Set.copyOf(r))).orElseGet(() -> new Service(service));
    }
}

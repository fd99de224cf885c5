package dev.microsim.kubernetes.control;

import java.util.List;

/**
 * Where a service's pods are. A replica index in a fault's target is a position in this list
 * (pods sorted by name), since a Deployment's pods have no stable ordinal. In a cluster the list
 * comes from the API server ({@link KubernetesPodDirectory}); a cluster-shaped run on one machine
 * lists processes on 127.0.0.1 ports instead.
 */
public interface PodDirectory {
    /** The service's serving pods, in replica order. */
    List<PodRef> pods(String service);
}

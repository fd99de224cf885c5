package dev.microsim.kubernetes.cluster;

import java.util.List;

/** The mesh's Deployments as the API server reports them: ready replicas out of wanted ones. */
public record MeshStatus(String namespace, boolean namespaceExists, List<Workload> workloads, int chaosResources) {
    public record Workload(String name, int wanted, int ready) {
        public boolean isReady() {
            return ready >= wanted;
        }
    }

    public MeshStatus {
        workloads = List.copyOf(workloads);
    }

    public boolean ready() {
        return namespaceExists && !workloads.isEmpty() && workloads.stream().allMatch(Workload::isReady);
    }

    public List<String> notReady() {
        return workloads.stream().filter(w -> !w.isReady()).map(w -> w.name() + " " + w.ready() + "/" + w.wanted()).toList();
    }

    public int readyCount() {
        return (int) workloads.stream().filter(Workload::isReady).count();
    }
}

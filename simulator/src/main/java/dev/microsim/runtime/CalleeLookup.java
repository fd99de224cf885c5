package dev.microsim.runtime;

/**
 * Where a call to a service goes, per attempt: the transport seam of the live engine. In one JVM the
 * mesh picks a replica round robin (its own port); a Kubernetes pod resolves the callee's Service name
 * (the cluster balances); a cluster-shaped local run maps names to 127.0.0.1 ports.
 */
@FunctionalInterface
public interface CalleeLookup {
    /** The address of one replica (or of a balancer in front of them) of {@code service}. */
    Address locate(String service);

    /**
     * {@code host} is a name or an IP literal; {@code port} its HTTP port; {@code route}, when not null,
     * the {@value SharedListener#ROUTE} header a shared listener there routes by.
     */
    record Address(String host, int port, String route) {
        public Address {
            if (host == null || host.isBlank()) throw new IllegalArgumentException("host is required");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }

        public Address(String host, int port) {
            this(host, port, null);
        }
    }
}

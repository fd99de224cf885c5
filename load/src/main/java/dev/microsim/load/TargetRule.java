package dev.microsim.load;

import java.net.URI;

/**
 * Which hosts a load plan may send to. {@link #LOOPBACK} everywhere but in a Kubernetes pod: the
 * load never leaves this machine ({@link LoopbackUrls}). {@link #IN_CLUSTER} is the load Job's
 * ({@code microsim drive} inside a pod): loopback, or a Kubernetes Service of the pod's own namespace
 * by its bare name ({@code http://frontend:8080}), which only the cluster's DNS resolves; any dotted
 * or other host is still refused.
 */
public enum TargetRule {
    LOOPBACK,
    IN_CLUSTER;

    /** {@code uri} if this rule allows it; otherwise an {@link IllegalArgumentException} naming {@code field} and the value. */
    public URI check(String field, URI uri) {
        if (this == IN_CLUSTER && uri != null && uri.getHost() != null && isServiceName(uri.getHost())
                && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            return uri;
        }
        return LoopbackUrls.requireLoopback(field, uri);
    }

    /** A DNS label as Kubernetes names Services (RFC 1123): lower-case letters, digits and '-', no dot. */
    static boolean isServiceName(String host) {
        return host.matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?") && !host.equals("localhost");
    }
}

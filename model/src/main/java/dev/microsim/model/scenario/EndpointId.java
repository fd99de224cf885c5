package dev.microsim.model.scenario;

import java.util.Set;

/** An endpoint's key as written in YAML: {@code GET /cart}. */
public record EndpointId(String method, String path) {
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");

    public EndpointId {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unknown HTTP method \"" + method + "\" (expected one of GET, POST, PUT, DELETE, PATCH, HEAD)");
        }
        if (path == null || !path.startsWith("/") || path.contains(" ")) {
            throw new IllegalArgumentException("path must start with / and contain no spaces, got \"" + path + "\"");
        }
    }

    /** Parses {@code "GET /cart"}. */
    public static EndpointId parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected \"METHOD /path\" like \"GET /cart\", got \"" + text + "\"");
        }
        return new EndpointId(parts[0], parts[1]);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}

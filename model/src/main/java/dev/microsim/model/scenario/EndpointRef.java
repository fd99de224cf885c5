package dev.microsim.model.scenario;

/** A reference to one service's endpoint, written {@code cart GET /cart}. */
public record EndpointRef(String service, EndpointId endpoint) {
    public EndpointRef {
        if (service == null || service.isBlank()) throw new IllegalArgumentException("service is required");
        if (endpoint == null) throw new IllegalArgumentException("endpoint is required");
    }

    /** Parses {@code "cart GET /cart"}. */
    public static EndpointRef parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s+");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected \"service METHOD /path\" like \"cart GET /cart\", got \"" + text + "\"");
        }
        return new EndpointRef(parts[0], new EndpointId(parts[1], parts[2]));
    }

    @Override
    public String toString() {
        return service + " " + endpoint;
    }
}

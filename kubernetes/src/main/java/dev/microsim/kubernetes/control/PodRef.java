package dev.microsim.kubernetes.control;

import java.net.URI;

/** One pod of a simulated service: its name and the base URL of its fault control endpoint. */
public record PodRef(String name, URI control) {
    public PodRef {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("pod name is required");
        if (control == null) throw new IllegalArgumentException("pod " + name + ": control URL is required");
    }
}

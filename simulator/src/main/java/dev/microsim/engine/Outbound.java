package dev.microsim.engine;

import dev.microsim.model.scenario.EndpointId;

/**
 * One call attempt to send: to which service and endpoint, on which path (a redirect fault may change
 * it), with which child request key, under which client span (its context goes along, W3C
 * {@code traceparent} on the wire), with how many request body bytes, and how long the engine may try
 * to connect ({@code connectTimeoutNanos}, the time left of the call's total timeout).
 */
public record Outbound(String service, EndpointId endpoint, String path, long key, RequestSpan span, long requestBytes,
                       long connectTimeoutNanos) {}

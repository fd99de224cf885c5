package dev.microsim.kubernetes.render;

/** The ports of a simulated service's pod and of the collector; the pod runtime listens on the same. */
public final class Ports {
    /** The simulated service's own HTTP endpoints (what callers and the load reach, through its Service). */
    public static final int HTTP = 8080;
    /** The pod runtime's control port ({@code dev.microsim.cluster.PodRuntime}): health probes ({@code /q/health/*}) and the fault control endpoint ({@code /effects}, {@code /replicas/{i}/kill|start}). */
    public static final int CONTROL = 9090;
    public static final String HTTP_NAME = "http";
    public static final String CONTROL_NAME = "control";
    public static final int OTLP_GRPC = 4317;
    public static final int OTLP_HTTP = 4318;
    public static final int COLLECTOR_HEALTH = 13133;

    private Ports() {}
}

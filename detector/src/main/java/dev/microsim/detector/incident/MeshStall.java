package dev.microsim.detector.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A whole-mesh stall: the machine or the runtime under the mesh pausing (a garbage collection, a
 * loaded host descheduling the process), which makes every service that is handling requests slow
 * at the same moment. No fault does that alone without also showing something a stall cannot
 * make: a CPU hog shows its own CPU, a leak its memory, a crash its restarts and refused calls, a
 * bad deploy its own errors. So a bin is a stall when at least {@code share} of the services with
 * self-time signals (and at least {@link #MIN_SERVICES}) have their self time anomalous at once,
 * and no service has a <em>stall-proof</em> signal ({@link #STALL_PROOF}) anomalous; the stall is
 * widened by {@code spread} bins either side (its ramp and its queues draining). Within a stall,
 * only stall-proof evidence counts.
 *
 * <p>Why self time: it is the time a service spent outside its own calls, so a slow callee does not
 * raise it (a latency fault raises the faulty service's, not its callers'), and a pause raises it
 * wherever a request is in progress. Without traces there is none, and typical latency rises all
 * the way up a call chain from one slow service, so nothing is filtered then.
 */
public record MeshStall(double share, double slowZ, int spread, Set<String> veto) {

    /** Fewer slow services than this are not "the whole mesh", whatever the share. */
    public static final int MIN_SERVICES = 4;

    /**
     * Signals a pause cannot raise: resources a service uses itself, replicas going away, errors it
     * originates or calls it makes that are refused as bad, calls nothing answers, error logs.
     */
    public static final Set<String> STALL_PROOF = Set.of("cpu_ms", "memory_bytes", "replicas_up", "restarts", "trace_origin_error_ratio",
            "call_client_error_ratio", "call_unanswered_ratio", "log_ERROR");

    /** What a stall makes slow, and a fault only where it is (self time leaves callees' time out). */
    static final List<String> SLOW = List.of("trace_self_ms");

    /** Resources only: what a pause can never raise, even through the timeouts and error logs it causes. */
    public static final Set<String> RESOURCES = Set.of("cpu_ms", "memory_bytes", "replicas_up", "restarts");

    /** No stall filtering (declared after the sets it uses). */
    public static final MeshStall OFF = new MeshStall(0, 1, 0);

    public MeshStall {
        if (!(share >= 0 && share <= 1) || !(slowZ > 0) || spread < 0 || veto == null || !STALL_PROOF.containsAll(veto)) {
            throw new IllegalArgumentException("share must be in [0, 1] (0 = off), slowZ > 0, spread >= 0 and veto a subset of " + STALL_PROOF
                    + "; were " + share + ", " + slowZ + ", " + spread + " and " + veto);
        }
        veto = Set.copyOf(veto);
    }

    /** A bin is no stall when any service has a stall-proof signal anomalous (the default veto). */
    public MeshStall(double share, double slowZ, int spread) {
        this(share, slowZ, spread, STALL_PROOF);
    }

    /** Chosen on the seed-1 runs (every setting tried there kept all 33 incidents and removed the one stall; these are mid-range). */
    public static MeshStall defaults() {
        return new MeshStall(0.5, 6, 2);
    }

    public String description() {
        return off() ? "no stall filter" : "whole-mesh stalls (self time z >= " + slowZ + " at " + Math.round(100 * share)
                + " % of the services at once, nothing stall-proof anomalous, widened by " + spread + " bins) ignored";
    }

    public boolean off() {
        return share == 0;
    }

    /** Element {@code b}: bin {@code b} is part of a whole-mesh stall. */
    public boolean[] stallBins(AnomalyTimeline timeline, int bins, double threshold) {
        boolean[] stall = new boolean[bins];
        if (off()) {
            return stall;
        }
        // without traces there is no self time, and latency rises all the way up a call chain from a
        // single slow service: a stall cannot be told from a fault, so nothing is filtered
        List<double[]> slow = new ArrayList<>();
        List<double[]> proof = new ArrayList<>();
        for (String service : timeline.services()) {
            if (timeline.metrics(service).stream().anyMatch(SLOW::contains)) {
                slow.add(timeline.maxOf(service, SLOW));
            }
            proof.add(timeline.maxOf(service, veto));
        }
        int needed = Math.max(MIN_SERVICES, (int) Math.ceil(share * slow.size()));
        boolean[] core = new boolean[bins];
        for (int b = 0; b < bins; b++) {
            int n = 0;
            for (double[] z : slow) {
                n += z[b] >= slowZ ? 1 : 0;
            }
            boolean distinct = false;
            for (double[] z : proof) {
                distinct |= z[b] >= threshold;
            }
            core[b] = n >= needed && !distinct;
        }
        for (int b = 0; b < bins; b++) {
            if (core[b]) {
                for (int d = Math.max(0, b - spread); d <= Math.min(bins - 1, b + spread); d++) {
                    stall[d] = true;
                }
            }
        }
        return stall;
    }
}

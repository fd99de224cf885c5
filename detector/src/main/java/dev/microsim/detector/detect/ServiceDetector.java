package dev.microsim.detector.detect;

import java.util.List;

/**
 * A multivariate detector over one service's series together (one dimension per series, aligned
 * on instants): it sees combinations no single series shows, e.g. latency up while CPU and
 * requests are not. Same contract as {@link Detector}: streaming, scores scaled to the alarm line.
 */
public interface ServiceDetector {

    String name();

    String description();

    Params params();

    ServiceDetector with(Params params);

    /** A fresh stream for vectors whose dimensions are these series, in this order. */
    VectorStream stream(List<String> dimensions);
}

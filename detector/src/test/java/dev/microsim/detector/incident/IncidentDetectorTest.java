package dev.microsim.detector.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.dataset.TimeWindow;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.PropagationRanker;
import dev.microsim.detector.rank.Signal;
import dev.microsim.detector.rank.TimeGrid;
import dev.microsim.detector.rca.IncidentMatch;
import dev.microsim.detector.rca.IncidentMatcher;
import dev.microsim.detector.traces.CallGraph;
import dev.microsim.detector.traces.Edge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IncidentDetectorTest {

    private static final int BINS = 600;

    /** Two meshes that never call each other: front -> mid -> db, and shop -> stock. */
    private static final CallGraph GRAPH = new CallGraph(List.of("db", "front", "mid", "shop", "stock"), Map.of(), List.of(
            new Edge("front", "mid", 1, 0, 1, 1, 1, 1), new Edge("mid", "db", 1, 0, 1, 1, 1, 1), new Edge("shop", "stock", 1, 0, 1, 1, 1, 1)),
            3, 0, 0, 0);

    /** Latency signals with noise; each {service, from, to, added ms}. */
    private static Observations observations(long seed, Object[]... faults) {
        Random random = new Random(seed);
        List<Signal> signals = new ArrayList<>();
        for (String service : GRAPH.services()) {
            double[] latency = new double[BINS];
            double[] self = new double[BINS];
            for (int b = 0; b < BINS; b++) {
                latency[b] = 10 * (1 + 0.05 * random.nextGaussian());
                self[b] = 3 * (1 + 0.05 * random.nextGaussian());
                for (Object[] f : faults) {
                    if (f[0].equals(service) && b >= (int) f[1] && b <= (int) f[2]) {
                        latency[b] += (double) f[3];
                        self[b] += (double) f[3];
                    }
                }
            }
            signals.add(new Signal(service, "", service + " trace_latency_ms", "trace_latency_ms", Signal.Source.TRACE, Signal.Kind.SYMPTOM,
                    Signal.Direction.UP, 0.5, 0.05, latency));
            signals.add(new Signal(service, "", service + " trace_self_ms", "trace_self_ms", Signal.Source.TRACE, Signal.Kind.LOCAL,
                    Signal.Direction.UP, 0.5, 0.05, self));
        }
        return new Observations("t", new TimeGrid(0, 1000, BINS), signals, Optional.of(GRAPH), List.of());
    }

    private final IncidentDetector detector = new IncidentDetector(new PropagationRanker());

    @Test
    void oneFaultGivesOneIncidentWhoseSuspectIsItsRootCause() {
        List<Incident> incidents = detector.detect(observations(1, new Object[] {"db", 200, 224, 60.0}, new Object[] {"mid", 200, 224, 60.0},
                new Object[] {"front", 200, 224, 60.0}));
        assertThat(incidents).hasSize(1);
        Incident incident = incidents.get(0);
        assertThat(incident.start()).isEqualTo(Instant.ofEpochMilli(200_000));
        assertThat(incident.end()).isEqualTo(Instant.ofEpochMilli(225_000));
        assertThat(incident.anomalousServices()).containsExactlyInAnyOrder("db", "mid", "front");
        assertThat(incident.suspectedRootCause()).isEqualTo("db");
    }

    @Test
    void staysQuietOnHealthyData() {
        assertThat(detector.detect(observations(2))).isEmpty();
    }

    @Test
    void faultsApartInTimeOrInTheGraphAreSeparateIncidents() {
        List<Incident> incidents = detector.detect(observations(3,
                new Object[] {"mid", 200, 224, 60.0},
                new Object[] {"db", 400, 424, 60.0},
                new Object[] {"stock", 400, 424, 60.0}));
        assertThat(incidents).extracting(Incident::suspectedRootCause).containsExactlyInAnyOrder("mid", "db", "stock");
        assertThat(incidents).filteredOn(i -> i.start().equals(Instant.ofEpochMilli(400_000))).hasSize(2);
    }

    @Test
    void theScorerMatchesIncidentsToFaultsByTime() {
        List<Incident> incidents = detector.detect(observations(4, new Object[] {"mid", 200, 224, 60.0}, new Object[] {"db", 400, 424, 60.0}));
        List<Fault> faults = List.of(
                new Fault("f1", "latency", new TimeWindow(Instant.ofEpochMilli(200_000), Instant.ofEpochMilli(225_000)), List.of("mid"), List.of()),
                new Fault("f2", "latency", new TimeWindow(Instant.ofEpochMilli(400_000), Instant.ofEpochMilli(425_000)), List.of("db"), List.of()),
                new Fault("f3", "latency", new TimeWindow(Instant.ofEpochMilli(500_000), Instant.ofEpochMilli(525_000)), List.of("db"), List.of()));
        IncidentMatch match = new IncidentMatcher().match(incidents, faults, Instant.EPOCH, Instant.ofEpochMilli(BINS * 1000L));
        assertThat(match.rankings().get("f1").get(0)).isEqualTo("mid");
        assertThat(match.rankings().get("f2").get(0)).isEqualTo("db");
        assertThat(match.rankings()).doesNotContainKey("f3");
        assertThat(match.incidentsPerFault()).containsEntry("f1", 1).containsEntry("f2", 1).containsEntry("f3", 0);
        assertThat(match.faultsWithOneIncident()).isEqualTo(2);
        assertThat(match.falseIncidents()).isZero();
    }
}

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

    /** A change planted in one signal: {@code add} on top of its normal level in bins [from, to]. */
    private record Plant(String service, String metric, int from, int to, double add) {
    }

    /** Five services, all connected: front calls mid (which calls db) and shop (which calls stock). */
    private static final CallGraph CONNECTED = new CallGraph(List.of("db", "front", "mid", "shop", "stock"), Map.of(), List.of(
            new Edge("front", "mid", 1, 0, 1, 1, 1, 1), new Edge("mid", "db", 1, 0, 1, 1, 1, 1), new Edge("front", "shop", 1, 0, 1, 1, 1, 1),
            new Edge("shop", "stock", 1, 0, 1, 1, 1, 1)), 4, 0, 0, 0);

    /**
     * The five connected services with latency, self time, CPU and request signals, no traffic before
     * {@code loadStart} (as a dataset starts: seconds of zero load), and these changes planted.
     */
    private static Observations mesh(long seed, int bins, int loadStart, Plant... plants) {
        Random random = new Random(seed);
        Map<String, double[]> base = Map.of("trace_latency_ms", new double[] {10, Signal.Kind.SYMPTOM.ordinal(), 0.5},
                "trace_self_ms", new double[] {3, Signal.Kind.LOCAL.ordinal(), 0.5}, "cpu_ms", new double[] {100, Signal.Kind.LOCAL.ordinal(), 10},
                "requests", new double[] {50, Signal.Kind.LOAD.ordinal(), 1});
        List<Signal> signals = new ArrayList<>();
        for (String service : CONNECTED.services()) {
            for (String metric : List.of("trace_latency_ms", "trace_self_ms", "cpu_ms", "requests")) {
                double[] b = base.get(metric);
                double[] values = new double[bins];
                for (int i = 0; i < bins; i++) {
                    boolean idle = i < loadStart;
                    values[i] = idle ? (metric.equals("requests") || metric.equals("cpu_ms") ? 0 : Double.NaN) : b[0] * (1 + 0.05 * random.nextGaussian());
                    for (Plant p : plants) {
                        if (p.service().equals(service) && p.metric().equals(metric) && i >= p.from() && i <= p.to()) {
                            values[i] += p.add();
                        }
                    }
                }
                Signal.Kind kind = Signal.Kind.values()[(int) b[1]];
                Signal.Direction direction = kind == Signal.Kind.LOAD ? Signal.Direction.BOTH : Signal.Direction.UP;
                signals.add(new Signal(service, "", service + " " + metric, metric, metric.startsWith("trace") ? Signal.Source.TRACE : Signal.Source.METRIC,
                        kind, direction, b[2], 0.05, values));
            }
        }
        return new Observations("t", new TimeGrid(0, 1000, bins), signals, Optional.of(CONNECTED), List.of());
    }

    /** Every service slower at once for {@code seconds} from {@code from}: what a paused machine looks like. */
    private static List<Plant> stall(int from, int seconds) {
        List<Plant> plants = new ArrayList<>();
        for (String service : CONNECTED.services()) {
            plants.add(new Plant(service, "trace_latency_ms", from, from + seconds - 1, 60));
            plants.add(new Plant(service, "trace_self_ms", from, from + seconds - 1, 60));
        }
        return plants;
    }

    @Test
    void aWholeMeshStallIsNoIncidentButWithoutTheStallFilterItWouldBe() {
        Observations stalled = mesh(5, BINS, 0, stall(300, 9).toArray(Plant[]::new));
        assertThat(detector.detect(stalled)).isEmpty();
        RobustAnomalies noFilter = RobustAnomalies.defaults().withStall(MeshStall.OFF);
        assertThat(new IncidentDetector(noFilter, IncidentSettings.defaults(), new PropagationRanker()).detect(stalled)).hasSize(1);
        // fewer than four services slow at once is not the whole mesh, even when it is most of it
        Observations threeSlow = mesh(5, BINS, 0, stall(300, 9).stream().filter(p -> !p.service().startsWith("s")).toArray(Plant[]::new));
        assertThat(detector.detect(threeSlow)).hasSize(1);
    }

    @Test
    void aCpuHogSlowsEveryoneButShowsItsOwnCpuSoItStaysAnIncident() {
        List<Plant> plants = new ArrayList<>(stall(300, 25));
        plants.add(new Plant("mid", "cpu_ms", 300, 324, 400));
        List<Incident> incidents = detector.detect(mesh(6, BINS, 0, plants.toArray(Plant[]::new)));
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).suspectedRootCause()).isEqualTo("mid");
    }

    @Test
    void aSingleSlowServiceIsNoStall() {
        List<Incident> incidents = detector.detect(mesh(7, BINS, 0, new Plant("db", "trace_self_ms", 300, 324, 60),
                new Plant("db", "trace_latency_ms", 300, 324, 60), new Plant("mid", "trace_latency_ms", 300, 324, 60),
                new Plant("front", "trace_latency_ms", 300, 324, 60)));
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).suspectedRootCause()).isEqualTo("db");
    }

    @Test
    void aFaultAfterAShortNormalPeriodGetsItsIncident() {
        // a fault early in a run (the README's run had one from 20 s to 40 s until session 5); scoring starts after 30 s of loaded
        // history and the 5 s guard, so at 35 s, still inside the fault
        List<Incident> incidents = detector.detect(mesh(8, 60, 0, new Plant("db", "trace_self_ms", 20, 39, 60),
                new Plant("db", "trace_latency_ms", 20, 39, 60), new Plant("mid", "trace_latency_ms", 20, 39, 60)));
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).start()).isBetween(Instant.ofEpochMilli(20_000), Instant.ofEpochMilli(35_000));
        assertThat(incidents.get(0).end()).isAfter(Instant.ofEpochMilli(39_000));
        assertThat(incidents.get(0).suspectedRootCause()).isEqualTo("db");
        // before the fix, nothing was scored before 50 s, so no incident could be found at all
        RobustAnomalies oldWarmUp = RobustAnomalies.defaults().withWarmUp(java.time.Duration.ofSeconds(45));
        assertThat(new IncidentDetector(oldWarmUp, IncidentSettings.defaults(), new PropagationRanker()).detect(
                mesh(8, 60, 0, new Plant("db", "trace_self_ms", 20, 39, 60)))).isEmpty();
    }

    @Test
    void theIdleSecondsBeforeTheLoadAreNotTheNormalPeriod() {
        assertThat(AnomalyTimeline.loadStart(mesh(9, 60, 4))).isEqualTo(4);
        assertThat(detector.detect(mesh(9, 60, 4))).isEmpty();
    }

    @Test
    void aModerateShiftThatLastsIsAnIncidentThoughItNeverSpikes() {
        // +4 ms on a 10 ms latency is z of about 8: below the threshold of 12, but for 25 s
        Plant[] slowDisk = {new Plant("db", "trace_latency_ms", 300, 324, 4), new Plant("mid", "trace_latency_ms", 300, 324, 4)};
        List<Incident> incidents = detector.detect(mesh(10, BINS, 0, slowDisk));
        assertThat(incidents).hasSize(1);
        // 8 of the 9 seconds around a point must be up, so it opens 3-4 s into the shift
        assertThat(incidents.get(0).start()).isBetween(Instant.ofEpochMilli(300_000), Instant.ofEpochMilli(305_000));
        // the same shift for 5 s is not enough
        assertThat(detector.detect(mesh(10, BINS, 0, new Plant("db", "trace_latency_ms", 300, 304, 4),
                new Plant("mid", "trace_latency_ms", 300, 304, 4)))).isEmpty();
    }

    @Test
    void aCacheThatStoppedHittingIsAnIncidentThroughItsCallsPerRequestAlone() {
        Observations healthy = mesh(11, BINS, 0);
        Random random = new Random(12);
        double[] fanout = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            fanout[b] = (b >= 300 && b <= 324 ? 1.0 : 0.2) * (1 + 0.05 * random.nextGaussian()); // 80 % hits, then none
        }
        List<Signal> signals = new ArrayList<>(healthy.signals());
        signals.add(new Signal("mid", "db", "mid -> db call_fanout", "call_fanout", Signal.Source.TRACE, Signal.Kind.CALL, Signal.Direction.UP,
                0.01, 0.25, fanout));
        List<Incident> incidents = detector.detect(new Observations("t", healthy.grid(), signals, healthy.callGraph(), List.of()));
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).suspectedRootCause()).isEqualTo("mid");
    }

    @Test
    void theVerdictForASecondNeedsOnlyTheFewSecondsAfterIt() {
        // a stall, a moderate shift that lasts and a spike: every rule that looks ahead
        List<Plant> plants = new ArrayList<>(stall(300, 9));
        plants.add(new Plant("db", "trace_latency_ms", 400, 424, 4));
        plants.add(new Plant("mid", "trace_latency_ms", 400, 424, 4));
        plants.add(new Plant("db", "trace_self_ms", 500, 520, 60));
        plants.add(new Plant("db", "trace_latency_ms", 500, 520, 60));
        Observations full = mesh(13, BINS, 0, plants.toArray(Plant[]::new));
        RobustAnomalies robust = RobustAnomalies.defaults();
        List<java.util.Set<String>> batch = robust.anomalousByBin(full);
        assertThat(batch.get(302)).isEmpty(); // the stall is filtered
        assertThat(batch.get(410)).contains("db");
        assertThat(batch.get(505)).contains("db");
        int delay = robust.decisionDelayBins();
        assertThat(delay).isEqualTo(9);
        for (int cut : new int[] {296, 301, 305, 402, 406, 410, 501, 503, 515, 530}) {
            List<java.util.Set<String>> streaming = robust.anomalousByBin(cutAt(full, cut));
            for (int b = 0; b < cut - delay; b++) {
                assertThat(streaming.get(b)).as("bin %d with data up to %d", b, cut).isEqualTo(batch.get(b));
            }
        }
        // the delay is needed: five seconds later, the lasting shift at 405 is not yet final
        assertThat(batch.get(405)).contains("db");
        assertThat(robust.anomalousByBin(cutAt(full, 410)).get(405)).isEmpty();
    }

    /** The observations as a streaming detector has them after {@code bins} seconds. */
    private static Observations cutAt(Observations full, int bins) {
        List<Signal> cut = full.signals().stream().map(s -> new Signal(s.service(), s.peer(), s.name(), s.metric(), s.source(), s.kind(),
                s.direction(), s.resolution(), s.relativeFloor(), java.util.Arrays.copyOf(s.values(), bins))).toList();
        return new Observations(full.source(), new TimeGrid(full.grid().originMillis(), full.grid().stepMillis(), bins), cut, full.callGraph(),
                full.notes());
    }
}

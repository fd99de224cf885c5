package dev.microsim.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Scenarios;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.units.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The mesh the cluster-shaped run tests ({@link PodsRunTest}, {@link KubernetesRunTest}) record:
 * front (2 replicas, {@code GET /x} calls {@code db GET /q}) over db, a constant load on front, and
 * db answering 503 for a window (http-error {@value #FAULT_ID}), in one-second intervals so a test can
 * count per interval and per pod. What each test needs of its own (how long, how fast, when the
 * fault is) are the parameters; the readers of the dataset it writes are here too.
 *
 * @param name the scenario's name (a Kubernetes run's namespace is {@code microsim-<name>})
 * @param ratePerSecond front's constant load
 * @param faultAt when db starts answering 503, from the run's start
 * @param faultFor how long it does
 */
record FrontDbFixture(String name, long seed, Duration duration, int ratePerSecond, Duration faultAt, Duration faultFor) {
    static final String FAULT_ID = "db-errors";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The run's messages in the test's output, for a failure's diagnosis. */
    static final RunListener PRINT = new RunListener() {
        @Override
        public void message(String line) {
            System.out.println(line);
        }
    };

    FrontDbFixture {
        if (ratePerSecond < 1) throw new IllegalArgumentException("ratePerSecond must be >= 1, got " + ratePerSecond);
        if (faultAt.plus(faultFor).compareTo(duration) > 0) {
            throw new IllegalArgumentException("the fault window " + faultAt + " + " + faultFor + " must end within the run's " + duration);
        }
    }

    String yaml() {
        return """
                version: 1
                name: %s
                seed: %d
                duration: %s
                interval: 1s
                services:
                  front:
                    replicas: 2
                    endpoints:
                      GET /x:
                        steps:
                          - compute: 1ms
                          - call: {to: db GET /q, timeout: 20s}
                  db:
                    endpoints:
                      GET /q:
                        steps:
                          - io: 2ms
                load:
                  - {profile: constant, rate: %d/s, target: front GET /x}
                faults:
                  - id: %s
                    kind: http-error
                    target: db
                    at: %s
                    duration: %s
                    status: 503
                """.formatted(name, seed, Durations.format(duration), ratePerSecond, FAULT_ID, Durations.format(faultAt), Durations.format(faultFor));
    }

    Scenario scenario() {
        return Scenarios.parser().parse(yaml(), name + ".yaml").orThrow();
    }

    static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** metrics.csv as series "service|endpoint|metric" -> time -> value (summed over pods). */
    static Map<String, Map<String, Double>> rows(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",", -1))
                .collect(Collectors.groupingBy(f -> f[1] + "|" + f[2] + "|" + f[3], TreeMap::new,
                        Collectors.toMap(f -> f[0], f -> Double.parseDouble(f[4]), Double::sum, TreeMap::new)));
    }

    /** A series' values over the intervals that start in [from, to). */
    static double sum(Map<String, Double> series, Instant from, Instant to) {
        return series.entrySet().stream().filter(e -> !Instant.parse(e.getKey()).isBefore(from) && Instant.parse(e.getKey()).isBefore(to))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}

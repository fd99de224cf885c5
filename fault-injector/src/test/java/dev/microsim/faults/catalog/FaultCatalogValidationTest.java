package dev.microsim.faults.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.yaml.ParseResult;
import dev.microsim.model.yaml.ScenarioParser;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each kind's parameter validation, with exact messages and field paths, through the real scenario parser. */
class FaultCatalogValidationTest {
    private static final String MESH = """
            version: 1
            name: t
            duration: 60s
            services:
              front:
                endpoints:
                  GET /x:
                    steps:
                      - call: mid GET /x
              mid:
                replicas: 2
                endpoints:
                  GET /x:
                    steps:
                      - io: 1ms
            load:
              - {profile: constant, rate: 5/s, target: front GET /x}
            faults:
            """;

    private static ParseResult parse(String fault) {
        return new ScenarioParser(FaultCatalog.standard()).parse(MESH + fault, "s.yaml");
    }

    private static List<String> errors(String fault) {
        return parse(fault).errors().stream().map(d -> d.format("s.yaml")).toList();
    }

    @Test
    void catalogueHasEveryKindTheIssueAsksFor() {
        assertThat(FaultCatalog.standard().kinds()).containsExactly("latency", "http-error", "exception", "cpu-hog", "memory-leak",
                "memory-pressure", "crash", "crash-loop", "hang", "pool-exhaustion", "partition", "packet-loss", "bandwidth",
                "unreachable", "bad-deploy", "misconfiguration", "retry-storm", "log-storm", "clock-skew", "slow-disk", "cache-failure");
    }

    @Test
    void validFaultOfEveryKindParses() {
        String all = """
                  - {kind: latency, target: mid, at: 1s, duration: 5s, delay: {lognormal: {median: 20ms, p99: 80ms}}}
                  - {kind: latency, target: {service: mid, caller: front}, at: 1s, duration: 5s, delay: 20ms, jitter: 5ms, ramp: 2s}
                  - {kind: http-error, target: {service: mid, share: 0.3}, at: 1s, duration: 5s, status: 503}
                  - {kind: exception, target: mid, at: 1s, duration: 5s, exception: java.io.IOException}
                  - {kind: cpu-hog, target: {service: mid, replicas: [1]}, at: 1s, duration: 5s, cores: 0.5}
                  - {kind: memory-leak, target: mid, at: 1s, duration: 5s, growth: 8MiB/s}
                  - {kind: memory-pressure, target: mid, at: 1s, duration: 5s, size: 64Mi}
                  - {kind: crash, target: mid, at: 1s, duration: 5s, restartDelay: 2s}
                  - {kind: crash-loop, target: mid, at: 1s, duration: 5s, uptime: 1s, restartDelay: 500ms}
                  - {kind: hang, target: mid, at: 1s, duration: 5s}
                  - {kind: pool-exhaustion, target: mid, at: 1s, duration: 5s, slots: 4}
                  - {kind: partition, target: {service: mid, caller: front}, at: 1s, duration: 5s}
                  - {kind: packet-loss, target: {service: mid, caller: front, share: 0.1}, at: 1s, duration: 5s, mode: drop}
                  - {kind: bandwidth, target: mid, at: 1s, duration: 5s, rate: 16KiB/s}
                  - {kind: unreachable, target: mid, at: 1s, duration: 5s}
                  - {kind: bad-deploy, target: mid, at: 1s, duration: 5s, cpuFactor: 3, errorRate: 0.2, rollout: 0.5}
                  - {kind: misconfiguration, target: {service: mid, caller: front}, at: 1s, duration: 5s, path: /v2/x}
                  - {kind: retry-storm, target: mid, at: 1s, duration: 5s, retries: 4, backoff: 10ms}
                  - {kind: log-storm, target: mid, at: 1s, duration: 5s, rate: 300/s, level: warn}
                  - {kind: clock-skew, target: mid, at: 1s, duration: 5s, offset: -30s}
                  - {kind: slow-disk, target: mid, at: 1s, duration: 5s, factor: 10}
                  - {kind: cache-failure, target: front, at: 1s, duration: 5s, factor: 4, backend: mid}
                """;
        ParseResult r = parse(all);
        assertThat(r.errors()).isEmpty();
        assertThat(r.scenario().orElseThrow().faults()).hasSize(22);
        r.scenario().get().faults().forEach(f -> assertThat(FaultCatalog.standard().parse(f).kind()).isEqualTo(f.kind()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            latency without delay      | {kind: latency, target: mid, at: 1s, duration: 5s}                                   | faults[0].delay: is required
            latency bad delay          | {kind: latency, target: mid, at: 1s, duration: 5s, delay: fast}                       | faults[0].delay: cannot parse duration "fast" (expected a number with a unit ns, us, ms, s, m, h, d, e.g. 250ms)
            latency number delay       | {kind: latency, target: mid, at: 1s, duration: 5s, delay: 200}                        | faults[0].delay: expected a duration with a unit like 200ms or 2s, got 200
            latency bad lognormal      | {kind: latency, target: mid, at: 1s, duration: 5s, delay: {lognormal: {median: 20ms, p99: 5ms}}} | faults[0].delay.lognormal: p99 (5ms) must be >= median (20ms)
            jitter on a distribution   | {kind: latency, target: mid, at: 1s, duration: 5s, delay: {exponential: {mean: 5ms}}, jitter: 1ms} | faults[0].jitter: jitter applies to a plain delay like 200ms; a distribution has its own spread
            latency edge + replicas    | {kind: latency, target: {service: mid, caller: front, replicas: [0]}, at: 1s, duration: 5s, delay: 5ms} | faults[0].target.replicas: latency on an edge (caller "front") acts on the wire and cannot be narrowed to the callee's replicas; remove replicas or caller, got [0]
            http status out of range   | {kind: http-error, target: mid, at: 1s, duration: 5s, status: 200}                    | faults[0].status: must be in [400, 599], got 200
            http-error on an edge      | {kind: http-error, target: {service: mid, caller: front}, at: 1s, duration: 5s}        | faults[0].target.caller: http-error acts inside the service, not on an edge; remove caller (got "front")
            exception bad class        | {kind: exception, target: mid, at: 1s, duration: 5s, exception: "no such"}            | faults[0].exception: expected a Java class name like java.io.IOException, got "no such"
            cpu-hog too many cores     | {kind: cpu-hog, target: mid, at: 1s, duration: 5s, cores: 64}                          | faults[0].cores: must be in [0.05, 16], got 64
            cpu-hog with share         | {kind: cpu-hog, target: {service: mid, share: 0.5}, at: 1s, duration: 5s}              | faults[0].target.share: cpu-hog does not act per request, so share must be 1, got 0.5
            cpu-hog on endpoint        | {kind: cpu-hog, target: {service: mid, endpoint: GET /x}, at: 1s, duration: 5s}        | faults[0].target.endpoint: cpu-hog acts on whole replicas and cannot be narrowed to an endpoint, got "GET /x"
            memory-leak bad growth     | {kind: memory-leak, target: mid, at: 1s, duration: 5s, growth: 8MiB}                   | faults[0].growth: expected a byte rate like 64KiB/s or 1MiB/s, got "8MiB"
            memory-leak cannot ramp    | {kind: memory-leak, target: mid, at: 1s, duration: 5s, ramp: 1s, growth: 1MiB/s}      | faults[0].ramp: memory-leak cannot ramp (it is all or nothing), got 1s
            memory-pressure bad size   | {kind: memory-pressure, target: mid, at: 1s, duration: 5s, size: lots}                 | faults[0].size: cannot parse size "lots" (expected e.g. 512, 4KiB, 256Mi, 1.5MB)
            crash negative delay       | {kind: crash, target: mid, at: 1s, duration: 5s, restartDelay: 0}                      | faults[0].restartDelay: must be >= 1ms, got 0
            crash-loop tiny uptime     | {kind: crash-loop, target: mid, at: 1s, duration: 5s, uptime: 1ms}                     | faults[0].uptime: must be >= 10ms, got "1ms"
            pool-exhaustion slots      | {kind: pool-exhaustion, target: mid, at: 1s, duration: 5s, slots: 2.5}                 | faults[0].slots: expected a whole number, got 2.5
            partition mode             | {kind: partition, target: mid, at: 1s, duration: 5s, mode: sideways}                   | faults[0].mode: must be one of drop, reject, got "sideways"
            packet-loss on replicas    | {kind: packet-loss, target: {service: mid, replicas: [1]}, at: 1s, duration: 5s}       | faults[0].target.replicas: packet-loss cannot be narrowed to replicas, got [1]
            bandwidth missing rate     | {kind: bandwidth, target: mid, at: 1s, duration: 5s}                                   | faults[0].rate: is required
            unreachable takes nothing  | {kind: unreachable, target: mid, at: 1s, duration: 5s, port: 80}                       | faults[0].port: unknown key "port" for fault kind unreachable; allowed: at, duration, id, kind, ramp, target
            bad-deploy neutral         | {kind: bad-deploy, target: mid, at: 1s, duration: 5s}                                  | faults[0].cpuFactor: a bad deploy needs cpuFactor > 1 or errorRate > 0; both are neutral
            bad-deploy error rate      | {kind: bad-deploy, target: mid, at: 1s, duration: 5s, errorRate: 150%}                 | faults[0].errorRate: must be in [0, 1], got "150%"
            misconfiguration path      | {kind: misconfiguration, target: mid, at: 1s, duration: 5s, path: v2}                  | faults[0].path: must start with / and contain no spaces, got "v2"
            retry-storm retries        | {kind: retry-storm, target: mid, at: 1s, duration: 5s, retries: 0}                     | faults[0].retries: must be in [1, 50], got 0
            log-storm rate             | {kind: log-storm, target: mid, at: 1s, duration: 5s, rate: lots/s}                     | faults[0].rate: cannot parse rate "lots/s" (expected e.g. 200/s, 30/m)
            clock-skew zero            | {kind: clock-skew, target: mid, at: 1s, duration: 5s, offset: 0}                       | faults[0].offset: must not be 0
            slow-disk factor           | {kind: slow-disk, target: mid, at: 1s, duration: 5s, factor: 1}                        | faults[0].factor: must be in [1.01, 1000], got 1
            latency delay too long     | {kind: latency, target: mid, at: 1s, duration: 5s, delay: 2h}                          | faults[0].delay: must be at most 1h, got "2h"
            latency jitter too long    | {kind: latency, target: {service: mid, replicas: [0]}, at: 1s, duration: 5s, delay: 5ms, jitter: 61m} | faults[0].jitter: must be at most 1h, got "61m"
            lognormal past the limit   | {kind: latency, target: mid, at: 1s, duration: 5s, delay: {lognormal: {median: 20ms, p99: 2h}}} | faults[0].delay.lognormal.p99: must be at most 1h, got "2h"
            crash restart too late     | {kind: crash, target: mid, at: 1s, duration: 5s, restartDelay: 2h}                     | faults[0].restartDelay: must be at most 1h, got "2h"
            memory-pressure too big    | {kind: memory-pressure, target: mid, at: 1s, duration: 5s, size: 2TiB}                 | faults[0].size: must be at most 1TiB, got "2TiB"
            memory-leak too fast       | {kind: memory-leak, target: mid, at: 1s, duration: 5s, growth: 2TiB/s}                 | faults[0].growth: must be at most 1TiB/s, got "2TiB/s"
            log-storm too many         | {kind: log-storm, target: mid, at: 1s, duration: 5s, rate: 20000/s}                    | faults[0].rate: must be at most 10000/s, got "20000/s"
            clock-skew too far         | {kind: clock-skew, target: mid, at: 1s, duration: 5s, offset: -31d}                    | faults[0].offset: must be at most -30d (earlier), got "-31d"
            cache-failure self backend | {kind: cache-failure, target: front, at: 1s, duration: 5s, backend: front}             | faults[0].backend: must be a service the target calls, not the target itself
            """)
    void reportsTheProblemAtItsFieldWithTheValue(String name, String fault, String expected) {
        String line = "  - " + fault.strip();
        List<String> errors = errors(line + "\n");
        assertThat(errors).hasSize(1);
        Matcher m = Pattern.compile("s\\.yaml:(\\d+):(\\d+): error: (.*)").matcher(errors.get(0));
        assertThat(m.matches()).as(errors.get(0)).isTrue();
        assertThat(m.group(3)).isEqualTo(expected.strip());
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(19);
        // The column points at the offending value (at the key for unknown keys; at the fault for missing keys).
        String path = expected.strip().substring(0, expected.strip().indexOf(": "));
        String key = path.substring(path.lastIndexOf('.') + 1);
        int at = line.indexOf(key + ": ");
        int column = at < 0 ? 5 : expected.contains("unknown key") ? at + 1 : at + key.length() + 3;
        assertThat(Integer.parseInt(m.group(2))).as("column of " + errors.get(0)).isEqualTo(column);
    }

    @Test
    void reportsEveryProblemOfOneFaultAtOnce() {
        List<String> errors = errors("  - {kind: bad-deploy, target: {service: mid, share: 0.5}, at: 1s, duration: 5s, cpuFactor: 0.5, errorRate: x}\n");
        assertThat(errors).containsExactlyInAnyOrder(
                "s.yaml:19:54: error: faults[0].target.share: bad-deploy does not act per request, so share must be 1, got 0.5",
                "s.yaml:19:93: error: faults[0].cpuFactor: must be in [1, 100], got 0.5",
                "s.yaml:19:109: error: faults[0].errorRate: expected a number, got \"x\"");
    }

    @Test
    void unknownKindIsReportedOnceWithSuggestion() {
        assertThat(errors("  - {kind: latncy, target: mid, at: 1s, duration: 5s}\n"))
                .containsExactly("s.yaml:19:12: error: faults[0].kind: unknown fault kind \"latncy\" (did you mean \"latency\"?); see docs/faults.md for the catalogue");
    }

    @Test
    void parseOutsideTheParserThrowsListingEveryProblem() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("cores", "many");
        params.put("colour", "red");
        FaultSpec spec = new FaultSpec("hog", "cpu-hog", FaultTarget.service("mid"), Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, params);
        assertThatThrownBy(() -> FaultCatalog.standard().parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault \"hog\" (cpu-hog): colour: unknown parameter for fault kind cpu-hog; allowed: cores; cores: expected a number, got \"many\"");
    }
}

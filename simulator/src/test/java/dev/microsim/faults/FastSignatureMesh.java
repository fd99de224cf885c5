package dev.microsim.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.engine.Behaviour;
import dev.microsim.faults.schedule.LabelRecord;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.units.Rate;
import dev.microsim.run.RunResult;
import dev.microsim.run.RunSession;
import dev.microsim.sim.FastRun;
import dev.microsim.sim.SimOptions;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.SpanRecord;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signature mesh on the discrete-event engine: the same services, the same load (front 40/s,
 * side 20/s), the same fault window, run as a fast-mode session into a dataset that is then read
 * back into the same {@link SignatureMesh.Run}, so the live signature tests' assertions run unchanged.
 */
final class FastSignatureMesh implements SignatureRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    FastSignatureMesh() {
        try {
            dir = Files.createTempDirectory("fast-signatures");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public SignatureMesh.Run run(FaultSpec fault) throws Exception {
        Scenario base = SignatureMesh.scenario();
        Duration total = SignatureMesh.BEFORE.plus(SignatureMesh.DURING).plus(SignatureMesh.AFTER);
        EndpointId get = SignatureMesh.GET;
        List<LoadSpec> load = List.of(
                LoadSpec.of("front", new LoadProfile.Constant(Rate.perSecond(SignatureMesh.FRONT_RATE)), new EndpointRef("front", get)),
                LoadSpec.of("side", new LoadProfile.Constant(Rate.perSecond(SignatureMesh.SIDE_RATE)), new EndpointRef("side", get)));
        Scenario s = new Scenario(1, base.name(), "", base.seed(), total, SignatureMesh.INTERVAL, base.services(), load, List.of(fault));
        Path out = dir.resolve(fault.id() + "-" + System.nanoTime());
        // As the live signature mesh: no access logs, discovery catching up after 100 ms.
        Behaviour behaviour = Behaviour.defaults(0).withAccessLogShare(0).withDiscoveryDelay(Duration.ofMillis(100));
        RunResult r = RunSession.builder(s, out, new FastRun(SimOptions.defaults(), behaviour)).handleSignals(false).build().run();
        if (!r.complete()) throw new AssertionError("fast run failed: " + r.reason().orElse("?"));
        Instant start = Instant.parse(JSON.readTree(out.resolve("manifest.json").toFile()).get("start").asText());
        return new SignatureMesh.Run(start, rows(out), label(out, fault), logs(out), spans(out));
    }

    private static Map<Instant, List<MetricRow>> rows(Path out) throws Exception {
        Map<Instant, List<MetricRow>> rows = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(out.resolve("metrics.csv"))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                Instant t = Instant.parse(f[0]);
                rows.computeIfAbsent(t, k -> new ArrayList<>()).add(new MetricRow(t, f[1], f[2], f[3], Double.parseDouble(f[4])));
            }
        }
        return rows;
    }

    private static LabelRecord label(Path out, FaultSpec fault) throws Exception {
        JsonNode l = JSON.readTree(out.resolve("labels.json").toFile()).get("faults").get(0);
        return new LabelRecord(fault.id(), fault.kind(), "", "schedule", fault.target(), Map.of(), Instant.parse(l.get("planned").get("start").asText()),
                Instant.parse(l.get("planned").get("end").asText()), instant(l.get("actual").get("start")), instant(l.get("actual").get("end")),
                List.of(), List.of());
    }

    private static Optional<Instant> instant(JsonNode n) {
        return n == null || n.isNull() ? Optional.empty() : Optional.of(Instant.parse(n.asText()));
    }

    private static List<LogRecord> logs(Path out) throws Exception {
        List<LogRecord> logs = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("logs.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            logs.add(new LogRecord(nanos(n.get("time").asText()), n.get("service").asText(), n.get("instance").asText(),
                    LogRecord.Level.valueOf(n.get("level").asText()), n.get("template").asText(), n.get("message").asText(),
                    n.get("traceId").isNull() ? null : n.get("traceId").asText()));
        }
        return logs;
    }

    private static List<SpanRecord> spans(Path out) throws Exception {
        List<SpanRecord> spans = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("traces.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            spans.add(new SpanRecord(n.get("traceId").asText(), n.get("spanId").asText(), n.get("parentSpanId").isNull() ? null : n.get("parentSpanId").asText(),
                    n.get("service").asText(), n.get("instance").asText(), n.get("name").asText(), SpanRecord.Kind.valueOf(n.get("kind").asText()),
                    nanos(n.get("start").asText()), nanos(n.get("end").asText()), n.get("status").asInt(), n.get("error").asBoolean()));
        }
        return spans;
    }

    private static long nanos(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override
    public void close() {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot delete " + dir, e);
        }
    }
}

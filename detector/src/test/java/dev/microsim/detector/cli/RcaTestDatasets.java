package dev.microsim.detector.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * A small but complete MicroSim dataset for the root-cause commands, written by hand after
 * docs/dataset-format.md: {@code front -> mid -> db}, 300 one-second intervals, five requests a
 * second with their spans and a log line each, and one fault: db 60 ms slower from second 200 to 224.
 */
final class RcaTestDatasets {

    static final Instant START = Instant.parse("2026-11-24T15:00:00.000Z");
    static final int SECONDS = 300;
    static final int FAULT_FROM = 200;
    static final int FAULT_TO = 224;

    private RcaTestDatasets() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(11);
        StringBuilder metrics = new StringBuilder("time,service,endpoint,metric,value\n");
        StringBuilder traces = new StringBuilder();
        StringBuilder logs = new StringBuilder();
        long span = 1;
        for (int s = 0; s < SECONDS; s++) {
            String t = at(s * 1000L);
            boolean fault = s >= FAULT_FROM && s <= FAULT_TO;
            double db = 4 * (1 + 0.05 * random.nextGaussian()) + (fault ? 60 : 0);
            double mid = db + 2 * (1 + 0.05 * random.nextGaussian());
            double front = mid + 3 * (1 + 0.05 * random.nextGaussian());
            for (String[] row : new String[][] {{"front", "GET /", f(front)}, {"mid", "GET /mid", f(mid)}, {"db", "GET /db", f(db)}}) {
                metrics.append(t).append(',').append(row[0]).append(',').append(row[1]).append(",latency_p50_ms,").append(row[2]).append('\n');
                metrics.append(t).append(',').append(row[0]).append(',').append(row[1]).append(",requests,5\n");
                metrics.append(t).append(',').append(row[0]).append(',').append(row[1]).append(",errors,0\n");
                metrics.append(t).append(',').append(row[0]).append(",,cpu_ms,").append(f(100 * (1 + 0.05 * random.nextGaussian()))).append('\n');
            }
            for (int r = 0; r < 5; r++) {
                long start = (START.toEpochMilli() + s * 1000L + r * 150) * 1000;
                String trace = String.format(Locale.ROOT, "%032x", s * 10 + r + 1);
                long frontServer = span++, frontClient = span++, midServer = span++, midClient = span++, dbServer = span++;
                traces.append(spanLine(trace, frontServer, 0, "front", "GET /", "SERVER", start, front));
                traces.append(spanLine(trace, frontClient, frontServer, "front", "GET /mid", "CLIENT", start + 500, mid + 0.3));
                traces.append(spanLine(trace, midServer, frontClient, "mid", "GET /mid", "SERVER", start + 600, mid));
                traces.append(spanLine(trace, midClient, midServer, "mid", "GET /db", "CLIENT", start + 700, db + 0.3));
                traces.append(spanLine(trace, dbServer, midClient, "db", "GET /db", "SERVER", start + 800, db));
                logs.append(String.format(Locale.ROOT,
                        "{\"time\":\"%s\",\"service\":\"front\",\"instance\":\"front-0\",\"level\":\"INFO\",\"template\":\"request {} served in {} ms\","
                                + "\"message\":\"request GET / served in %d ms\",\"traceId\":\"%s\"}%n", iso(start / 1000), Math.round(front), trace));
            }
        }
        Files.writeString(dir.resolve("metrics.csv"), metrics);
        Files.writeString(dir.resolve("traces.jsonl"), traces);
        Files.writeString(dir.resolve("logs.jsonl"), logs);
        Files.writeString(dir.resolve("labels.json"), """
                {"formatVersion": 1, "faults": [
                  {"id": "f1-latency-db", "kind": "latency",
                   "target": {"service": "db", "endpoint": null, "replicas": null, "caller": null},
                   "parameters": {"delay": "60ms"},
                   "planned": {"start": "%1$s", "end": "%2$s"},
                   "actual":  {"start": "%1$s", "end": "%2$s"},
                   "rootCauses": ["db"], "affected": ["front", "mid", "db"]}
                ]}
                """.formatted(at(FAULT_FROM * 1000L), at((FAULT_TO + 1) * 1000L)));
        Files.writeString(dir.resolve("manifest.json"), """
                {"formatVersion": 1, "complete": true, "incompleteReason": null,
                 "scenario": {"name": "rca-test", "sha256": "x"}, "seed": 1,
                 "start": "%s", "end": "%s", "interval": "PT1S", "counts": {}, "files": {}}
                """.formatted(at(0), at(SECONDS * 1000L)));
        return dir;
    }

    /** The same mesh as an RCAEval wide CSV with inject_time.txt beside it (metrics only). */
    static Path writeRcaEval(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(12);
        StringBuilder csv = new StringBuilder("time,front_latency,mid_latency,db_latency,db_cpu\n");
        long t0 = START.getEpochSecond();
        for (int s = 0; s < SECONDS; s++) {
            boolean fault = s >= FAULT_FROM;
            double db = 4 * (1 + 0.05 * random.nextGaussian()) + (fault ? 60 : 0);
            double mid = db + 2 * (1 + 0.05 * random.nextGaussian());
            csv.append(t0 + s).append(',').append(f(mid + 3)).append(',').append(f(mid)).append(',').append(f(db)).append(',')
                    .append(f(100 * (1 + 0.05 * random.nextGaussian()))).append('\n');
        }
        Path file = Files.writeString(dir.resolve("data.csv"), csv);
        Files.writeString(dir.resolve("inject_time.txt"), Long.toString(t0 + FAULT_FROM));
        return file;
    }

    private static String spanLine(String trace, long id, long parent, String service, String name, String kind, long startMicros, double ms) {
        return String.format(Locale.ROOT, "{\"traceId\":\"%s\",\"spanId\":\"%016x\",\"parentSpanId\":%s,\"service\":\"%s\",\"instance\":\"%s-0\","
                        + "\"name\":\"%s\",\"kind\":\"%s\",\"start\":\"%s\",\"durationMicros\":%d,\"status\":200,\"error\":false}%n",
                trace, id, parent == 0 ? "null" : "\"" + String.format(Locale.ROOT, "%016x", parent) + "\"", service, service, name, kind,
                iso(startMicros / 1000), Math.round(ms * 1000));
    }

    /** An instant {@code offsetMillis} after START, as MicroSim writes instants (always with milliseconds). */
    private static String at(long offsetMillis) {
        return iso(START.toEpochMilli() + offsetMillis);
    }

    private static String iso(long epochMilli) {
        return ISO.format(Instant.ofEpochMilli(epochMilli));
    }

    private static final java.time.format.DateTimeFormatter ISO =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}

package dev.microsim.detector.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a small MicroSim dataset by hand, following docs/dataset-format.md: two series of 20
 * one-second points; a latency fault on catalog from second 10 to 14 affecting catalog and frontend.
 */
final class TestDatasets {

    static final Instant START = Instant.parse("2026-11-24T15:00:00.000Z");

    private TestDatasets() {
    }

    static Path write(Path dir, boolean complete) throws IOException {
        return write(dir, complete, 20, 10, 14);
    }

    /** {@code points} seconds; catalog's latency is 250 instead of 10 from second {@code from} to {@code to}, labelled so. */
    static Path write(Path dir, boolean complete, int points, int from, int to) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), """
                {"formatVersion": 1, "complete": %s, "incompleteReason": %s,
                 "scenario": {"name": "t", "sha256": "x"}, "seed": 1,
                 "start": "2026-11-24T15:00:00.000Z", "end": "%s", "interval": "PT1S",
                 "counts": {}, "files": {}}
                """.formatted(complete, complete ? "null" : "\"interrupted by Ctrl-C\"", START.plusSeconds(points)));
        StringBuilder metrics = new StringBuilder("time,service,endpoint,metric,value\n");
        for (int i = 0; i < points; i++) {
            String t = START.plusSeconds(i).toString().replace("Z", ".000Z").replace(".000.000Z", ".000Z");
            metrics.append(t).append(",catalog,GET /item,latency_p99_ms,").append(i >= from && i <= to ? 250 : 10).append('\n');
            metrics.append(t).append(",cart,,cpu_ms,").append(5).append('\n');
        }
        Files.writeString(dir.resolve("metrics.csv"), metrics);
        Files.writeString(dir.resolve("labels.json"), """
                {"formatVersion": 1, "faults": [
                  {"id": "f1-latency-catalog", "kind": "latency",
                   "target": {"service": "catalog", "endpoint": null, "replicas": null, "caller": null},
                   "parameters": {"delay": "200ms"},
                   "planned": {"start": "%1$s", "end": "%2$s"},
                   "actual":  {"start": "%1$s", "end": "%2$s"},
                   "rootCauses": ["catalog"], "affected": ["frontend", "catalog"]}
                ]}
                """.formatted(START.plusSeconds(from), START.plusMillis(to * 1000L + 500)));
        return dir;
    }

    /** Lists every file of {@code dir} in its manifest with its size and SHA-256, as the recorder does at the end of a run. */
    static Path seal(Path dir) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dir.resolve("manifest.json").toFile());
        var files = manifest.putObject("files");
        try (var list = Files.list(dir)) {
            for (Path p : list.filter(f -> !f.getFileName().toString().equals("manifest.json")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(p);
                var entry = files.putObject(p.getFileName().toString());
                entry.put("sha256", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
                entry.put("bytes", bytes.length);
            }
        }
        json.writeValue(dir.resolve("manifest.json").toFile(), manifest);
        return dir;
    }

    static String at(int second) {
        return START.plusSeconds(second).toString();
    }
}

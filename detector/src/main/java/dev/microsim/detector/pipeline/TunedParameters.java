package dev.microsim.detector.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.detector.classify.SeriesKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tuner's output: per series class the detector parameters it moved, and the episode rule:
 * {@code {"episodes": {"mergeGap": 3, "minPoints": 5, "minSeries": 2}, "STATIONARY": {"threshold": 5.2}, ...}}.
 * The built-in pipeline reads {@code tuned-parameters.json} from its own resources (learnt on the
 * seed-1 training runs only, committed); what is not listed keeps its defaults.
 */
public final class TunedParameters {

    /** Detector parameters per class, and how service episodes are formed. */
    public record Tuned(ClassParameters classes, int mergeGap, int minPoints, int minSeries) {
        public ServiceAggregator aggregator() {
            return new ServiceAggregator(mergeGap, minPoints, minSeries);
        }
    }

    public static final int DEFAULT_MERGE_GAP = 3;
    public static final int DEFAULT_MIN_POINTS = 2;
    public static final int DEFAULT_MIN_SERIES = 1;

    static final String RESOURCE = "tuned-parameters.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TunedParameters() {
    }

    public static Tuned untuned() {
        return new Tuned(ClassParameters.defaults(), DEFAULT_MERGE_GAP, DEFAULT_MIN_POINTS, DEFAULT_MIN_SERIES);
    }

    public static Tuned loadOrDefaults() {
        try (InputStream in = TunedParameters.class.getResourceAsStream(RESOURCE)) {
            return in == null ? untuned() : apply(ClassParameters.defaults(), JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in " + RESOURCE, e);
        }
    }

    /** A tuned-parameters.json written by {@link #write}, over the defaults. */
    public static Tuned read(Path file) throws IOException {
        return apply(ClassParameters.defaults(), JSON.readTree(file.toFile()));
    }

    static Tuned apply(ClassParameters base, JsonNode tree) {
        ClassParameters result = base;
        JsonNode episodes = tree.path("episodes");
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("episodes")) {
                continue;
            }
            SeriesKind kind = SeriesKind.valueOf(entry.getKey());
            Map<String, Double> values = new LinkedHashMap<>(base.row(kind).parameters());
            entry.getValue().fields().forEachRemaining(p -> values.put(p.getKey(), p.getValue().asDouble()));
            result = result.with(kind, values);
        }
        return new Tuned(result, episodes.path("mergeGap").asInt(DEFAULT_MERGE_GAP), episodes.path("minPoints").asInt(DEFAULT_MIN_POINTS),
                episodes.path("minSeries").asInt(DEFAULT_MIN_SERIES));
    }

    public static void write(Map<SeriesKind, Map<String, Double>> tuned, int mergeGap, int minPoints, int minSeries, Path file)
            throws IOException {
        var root = JSON.createObjectNode();
        root.putObject("episodes").put("mergeGap", mergeGap).put("minPoints", minPoints).put("minSeries", minSeries);
        tuned.forEach((kind, values) -> {
            var node = root.putObject(kind.name());
            values.forEach(node::put);
        });
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
}

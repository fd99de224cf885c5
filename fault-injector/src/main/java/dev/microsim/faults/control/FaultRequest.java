package dev.microsim.faults.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.units.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fault as the control API receives it: a JSON object in the scenario's fault syntax
 * ({@code kind}, {@code target} as a name or {service, endpoint, replicas, caller, share},
 * {@code duration}, optional {@code id} and {@code ramp}, the kind's parameters beside them).
 * {@code at} is not accepted: a fault posted to the API starts now.
 */
final class FaultRequest {
    private static final Set<String> COMMON = Set.of("id", "kind", "target", "duration", "ramp");
    private static final Set<String> TARGET = Set.of("service", "endpoint", "replicas", "caller", "share");

    private FaultRequest() {}

    /** The spec, or IllegalArgumentException naming every problem with its field. */
    static FaultSpec parse(JsonNode body, String defaultId, Duration defaultDuration) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) throw new IllegalArgumentException("expected a JSON object (a fault in the scenario's syntax)");
        if (body.has("at")) problems.add("at: not accepted here: a fault posted to the control API starts now");
        String kind = text(body, "kind", problems, true);
        Optional<FaultTarget> target = target(body.get("target"), problems);
        Duration duration = body.has("duration") ? duration(body, "duration", problems) : defaultDuration;
        Duration ramp = body.has("ramp") ? duration(body, "ramp", problems) : Duration.ZERO;
        String id = body.has("id") ? text(body, "id", problems, true) : defaultId;
        Map<String, Object> params = new LinkedHashMap<>();
        body.properties().forEach(e -> {
            if (!COMMON.contains(e.getKey()) && !e.getKey().equals("at")) params.put(e.getKey(), dev.microsim.model.yaml.PlainValues.of(e.getValue()));
        });
        if (duration != null && (duration.isZero() || duration.isNegative())) problems.add("duration: must be > 0, got " + Durations.format(duration));
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        try {
            return new FaultSpec(id, kind, target.orElseThrow(), Duration.ZERO, duration, ramp, params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String text(JsonNode body, String key, List<String> problems, boolean required) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            if (required) problems.add(key + ": is required");
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(key + ": expected a non-empty string, got " + v);
            return null;
        }
        return v.asText();
    }

    private static Duration duration(JsonNode body, String key, List<String> problems) {
        JsonNode v = body.get(key);
        try {
            if (!v.isTextual()) throw new IllegalArgumentException("expected a duration like 30s, got " + v);
            return Durations.parse(v.asText());
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return null;
        }
    }

    private static Optional<FaultTarget> target(JsonNode t, List<String> problems) {
        if (t == null || t.isNull()) {
            problems.add("target: is required");
            return Optional.empty();
        }
        if (t.isTextual()) return Optional.of(FaultTarget.service(t.asText()));
        if (!t.isObject()) {
            problems.add("target: expected a service name or {service, endpoint, replicas, caller, share}, got " + t);
            return Optional.empty();
        }
        t.fieldNames().forEachRemaining(k -> {
            if (!TARGET.contains(k)) problems.add("target." + k + ": unknown key; allowed: caller, endpoint, replicas, service, share");
        });
        String service = text(t, "service", problems, true);
        Optional<EndpointId> endpoint = Optional.empty();
        if (t.hasNonNull("endpoint")) {
            try {
                endpoint = Optional.of(EndpointId.parse(t.get("endpoint").asText()));
            } catch (IllegalArgumentException e) {
                problems.add("target.endpoint: " + e.getMessage());
            }
        }
        Optional<List<Integer>> replicas = Optional.empty();
        if (t.hasNonNull("replicas")) {
            List<Integer> rs = new ArrayList<>();
            if (!t.get("replicas").isArray()) problems.add("target.replicas: expected a list of replica indexes, got " + t.get("replicas"));
            else t.get("replicas").forEach(x -> {
                if (x.isInt() && x.asInt() >= 0) rs.add(x.asInt());
                else problems.add("target.replicas: expected replica indexes >= 0, got " + x);
            });
            replicas = Optional.of(rs);
        }
        Optional<String> caller = Optional.ofNullable(text(t, "caller", problems, false));
        double share = 1;
        if (t.hasNonNull("share")) {
            share = t.get("share").asDouble(-1);
            if (!t.get("share").isNumber() || !(share > 0 && share <= 1)) {
                problems.add("target.share: must be a number in (0, 1], got " + t.get("share"));
                share = 1;
            }
        }
        return service == null ? Optional.empty() : Optional.of(new FaultTarget(service, endpoint, replicas, caller, share));
    }
}

package dev.microsim.suite;

import java.util.Map;

/**
 * One labeled case of a suite: one scenario with one fault of one kind and intensity on one
 * service, at one seed. {@code id} names its dataset directory and is stable across runs of the
 * same suite file, which is what makes a suite resumable. {@code scenarioYaml} is the resolved
 * scenario the case runs (the base scenario with its faults replaced, seed and duration set).
 */
public record SuiteCase(String id, String scenario, String target, String kind, String intensity, long seed,
                        Map<String, Object> parameters, String scenarioYaml) {
}

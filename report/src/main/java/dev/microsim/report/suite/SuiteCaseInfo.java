package dev.microsim.report.suite;

import java.nio.file.Path;

/** One case of a suite run as OUT/plan.json lists it: where its dataset is and what it varies. */
public record SuiteCaseInfo(String id, Path dir, String scenario, String target, String kind, String intensity, long seed) {
}

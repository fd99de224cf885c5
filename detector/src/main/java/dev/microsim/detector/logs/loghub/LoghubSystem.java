package dev.microsim.detector.logs.loghub;

import java.util.List;

/**
 * One system of loghub-2k: its messages (header removed by the reference log format) and, for
 * scoring only, each message's ground-truth event id; plus the reference Drain settings and the
 * grouping accuracy reference Drain publishes for it.
 */
public record LoghubSystem(String name, String logFormat, List<String> maskRegexes, double similarityThreshold, int depth,
                           double publishedDrainAccuracy, List<String> messages, List<String> trueEventIds) {

    public LoghubSystem {
        maskRegexes = List.copyOf(maskRegexes);
        messages = List.copyOf(messages);
        trueEventIds = List.copyOf(trueEventIds);
        if (messages.size() != trueEventIds.size()) {
            throw new IllegalArgumentException(name + ": " + messages.size() + " messages for " + trueEventIds.size() + " event ids");
        }
    }
}

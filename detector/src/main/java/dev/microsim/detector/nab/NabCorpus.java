package dev.microsim.detector.nab;

import java.util.List;

/**
 * All files one detector was run on, and how many windows the label file holds: NAB's perfect
 * score counts every labelled window, including any a probation period would hide.
 */
public record NabCorpus(String detector, List<NabFile> files, int labelledWindows) {

    public NabCorpus {
        files = List.copyOf(files);
        if (labelledWindows < 0) {
            throw new IllegalArgumentException("labelledWindows must be >= 0, was " + labelledWindows);
        }
    }

    public static NabCorpus of(String detector, List<NabFile> files) {
        return new NabCorpus(detector, files, files.stream().mapToInt(f -> f.windows().size()).sum());
    }
}

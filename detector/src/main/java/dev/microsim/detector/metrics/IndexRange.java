package dev.microsim.detector.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A closed range of point indices {@code [first, last]} in one series: an anomaly window or an alarm run. */
public record IndexRange(int first, int last) {

    public IndexRange {
        if (first < 0) {
            throw new IllegalArgumentException("first must be >= 0, was " + first);
        }
        if (last < first) {
            throw new IllegalArgumentException("last (" + last + ") must be >= first (" + first + ")");
        }
    }

    public int length() {
        return last - first + 1;
    }

    public boolean contains(int index) {
        return index >= first && index <= last;
    }

    public boolean overlaps(IndexRange other) {
        return first <= other.last && other.first <= last;
    }

    /** Contiguous runs of {@code true}, in order. */
    public static List<IndexRange> runsOf(boolean[] flags) {
        List<IndexRange> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] && start < 0) {
                start = i;
            } else if (!flags[i] && start >= 0) {
                runs.add(new IndexRange(start, i - 1));
                start = -1;
            }
        }
        if (start >= 0) {
            runs.add(new IndexRange(start, flags.length - 1));
        }
        return runs;
    }

    /**
     * Sorts and merges overlapping or touching ranges: two labelled faults whose windows overlap are,
     * for a detector looking at one series, one anomalous stretch.
     */
    public static List<IndexRange> merge(List<IndexRange> ranges) {
        List<IndexRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(IndexRange::first));
        List<IndexRange> merged = new ArrayList<>();
        for (IndexRange range : sorted) {
            if (!merged.isEmpty() && range.first() <= merged.get(merged.size() - 1).last() + 1) {
                IndexRange previous = merged.remove(merged.size() - 1);
                merged.add(new IndexRange(previous.first(), Math.max(previous.last(), range.last())));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    /** The point-wise label array of length {@code size}: true inside any range. */
    public static boolean[] toFlags(List<IndexRange> ranges, int size) {
        boolean[] flags = new boolean[size];
        for (IndexRange range : ranges) {
            if (range.last() >= size) {
                throw new IllegalArgumentException("range " + range + " exceeds series length " + size);
            }
            for (int i = range.first(); i <= range.last(); i++) {
                flags[i] = true;
            }
        }
        return flags;
    }
}

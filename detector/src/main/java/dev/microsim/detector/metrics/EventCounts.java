package dev.microsim.detector.metrics;

import java.util.List;

/**
 * Event-wise (range) counts: an event is detected when at least one alarm falls inside it; an
 * alarm run (consecutive alarmed points) is true when it overlaps an event, otherwise it is one
 * false alarm however long it lasts.
 */
public record EventCounts(long events, long detectedEvents, long alarmRuns, long trueAlarmRuns) {

    public EventCounts {
        if (events < 0 || alarmRuns < 0 || detectedEvents < 0 || trueAlarmRuns < 0
                || detectedEvents > events || trueAlarmRuns > alarmRuns) {
            throw new IllegalArgumentException("inconsistent event counts: events=" + events + " detected=" + detectedEvents
                    + " alarmRuns=" + alarmRuns + " trueAlarmRuns=" + trueAlarmRuns);
        }
    }

    public static EventCounts of(boolean[] predicted, List<IndexRange> events) {
        long detected = 0;
        for (IndexRange event : events) {
            if (PointAdjustment.alarmsIn(predicted, event) > 0) {
                detected++;
            }
        }
        List<IndexRange> runs = IndexRange.runsOf(predicted);
        long trueRuns = 0;
        int e = 0;
        for (IndexRange run : runs) {
            while (e < events.size() && events.get(e).last() < run.first()) {
                e++;
            }
            if (e < events.size() && events.get(e).overlaps(run)) {
                trueRuns++;
            }
        }
        return new EventCounts(events.size(), detected, runs.size(), trueRuns);
    }

    public EventCounts plus(EventCounts other) {
        return new EventCounts(events + other.events, detectedEvents + other.detectedEvents,
                alarmRuns + other.alarmRuns, trueAlarmRuns + other.trueAlarmRuns);
    }

    public long falseAlarms() {
        return alarmRuns - trueAlarmRuns;
    }

    /** Share of alarm runs that hit an event; NaN without alarms. */
    public double precision() {
        return alarmRuns == 0 ? Double.NaN : (double) trueAlarmRuns / alarmRuns;
    }

    /** Share of events detected; NaN without events. */
    public double recall() {
        return events == 0 ? Double.NaN : (double) detectedEvents / events;
    }

    /** NaN with neither events nor alarms; 0 when only one side is empty or nothing matches. */
    public double f1() {
        if (events == 0 && alarmRuns == 0) {
            return Double.NaN;
        }
        if (events == 0 || alarmRuns == 0) {
            return 0.0;
        }
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
}

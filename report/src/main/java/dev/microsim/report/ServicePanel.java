package dev.microsim.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One service's section of a report: its key series on the report's (downsampled) time axis, why
 * it is shown where it is ({@link Role}), and the instants at which a detector alarmed on any of its series.
 */
record ServicePanel(String name, Role role, Map<KeySeries, double[]> values, List<Alarm> alarms) {

    /** Why a service is shown early: the truth first, then what the ranker blamed, then what was hit. */
    enum Role { ROOT_CAUSE, RANKED, ALARMED, AFFECTED, OTHER }

    /** A bucket of the axis in which these series alarmed (at most a few names kept, plus how many in all). */
    record Alarm(long epochMillis, int count, List<String> series) {
        Alarm {
            series = List.copyOf(series);
        }
    }

    ServicePanel {
        values = new EnumMap<>(values);
        alarms = List.copyOf(alarms);
    }
}

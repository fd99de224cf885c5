package dev.microsim.detector.metrics;

import java.time.Duration;

/** False alarms per hour of monitoring: what an on-call engineer feels. */
public final class FalseAlarmRate {

    private FalseAlarmRate() {
    }

    public static double perHour(long falseAlarms, Duration monitored) {
        if (monitored.isZero() || monitored.isNegative()) {
            return Double.NaN;
        }
        return falseAlarms / (monitored.toMillis() / 3_600_000.0);
    }
}

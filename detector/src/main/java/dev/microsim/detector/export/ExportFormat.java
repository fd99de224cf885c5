package dev.microsim.detector.export;

/** The layouts a dataset's telemetry can be exported to; labels always go to separate files. */
public enum ExportFormat {
    /** {@code series.csv}: long form {@code timestamp,series,value}, what {@code detect} hands a program. */
    CSV,
    /** NAB layout: {@code data/microsim/<series>.csv} ({@code timestamp,value}) and {@code labels/combined_windows.json}. */
    NAB,
    /** RCAEval wide CSV {@code data.csv} ({@code time} in epoch seconds, {@code <service>_<metric>} columns) and {@code inject_time.txt}. */
    RCAEVAL
}

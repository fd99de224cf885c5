package dev.microsim.detector.signals;

import dev.microsim.detector.io.InputException;
import dev.microsim.detector.telemetry.LogLines;
import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per service, how many log lines it wrote in each metric interval ({@code <service>//log_lines}),
 * and how many of them at ERROR ({@code <service>//log_errors}). A log storm (a service writing
 * hundreds of lines a second) moves no request, latency or CPU series; it moves these. Read
 * through {@link LogLines}, which drops the ground-truth {@code template} field.
 */
public final class LogVolume implements SignalSource {

    public static final String LINES = "log_lines";
    public static final String ERRORS = "log_errors";

    @Override
    public String description() {
        return "log lines and ERROR lines per service per metric interval";
    }

    @Override
    public List<MetricSeries> derive(Telemetry telemetry) {
        if (telemetry.logs().isEmpty()) {
            return List.of();
        }
        MetricGrid grid = MetricGrid.of(telemetry);
        if (grid.isEmpty()) {
            return List.of();
        }
        int bins = grid.instants().length;
        Map<String, double[]> lines = new TreeMap<>();
        Map<String, double[]> errors = new TreeMap<>();
        try {
            LogLines.read(telemetry.logs().get(), line -> {
                double[] all = lines.computeIfAbsent(line.service(), s -> new double[bins]);
                double[] err = errors.computeIfAbsent(line.service(), s -> new double[bins]);
                int bin = grid.binOf(line.epochMillis());
                if (bin >= 0) {
                    all[bin]++;
                    if (line.level().equals("ERROR")) {
                        err[bin]++;
                    }
                }
            });
        } catch (InputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<MetricSeries> out = new ArrayList<>();
        lines.forEach((service, counts) -> {
            out.add(new MetricSeries(service + "//" + LINES, service, "", LINES, grid.instants().clone(), counts));
            out.add(new MetricSeries(service + "//" + ERRORS, service, "", ERRORS, grid.instants().clone(), errors.get(service)));
        });
        return out;
    }
}

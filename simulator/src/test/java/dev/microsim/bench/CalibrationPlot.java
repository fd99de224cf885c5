package dev.microsim.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The calibration plot of docs/fast-mode.md, drawn with JFreeChart from the CSV files {@link
 * CalibrationBench} writes with {@code --csv DIR}: per scenario, fast-mode latency against live
 * latency per endpoint (p50 and p95, log-log, with the 15 % band around equality), and the overload
 * ladder (mean queue length and share rejected at the entry service per offered rate).
 *
 * <pre>
 * java -Djava.awt.headless=true -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*:simulator/target/bench-lib/*" \
 *     dev.microsim.bench.CalibrationPlot DIR docs/fast-mode-calibration.png
 * </pre>
 */
public final class CalibrationPlot {
    private static final int W = 560;
    private static final int H = 440;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("calibration-") && n.endsWith(".csv")).sorted()
                    .forEach(n -> names.add(n.substring("calibration-".length(), n.length() - 4)));
        }
        if (names.isEmpty()) throw new IllegalArgumentException("no calibration-*.csv in " + dir);
        BufferedImage image = new BufferedImage(3 * W, names.size() * H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int row = 0; row < names.size(); row++) {
            String name = names.get(row);
            latency(name, dir.resolve("calibration-" + name + ".csv")).draw(g, new Rectangle(0, row * H, W, H));
            Path overload = dir.resolve("overload-" + name + ".csv");
            if (Files.exists(overload)) {
                overload(name, overload, 2, "mean queue length at the entry", 1).draw(g, new Rectangle(W, row * H, W, H));
                overload(name, overload, 3, "rejected, % of requests at the entry", 100).draw(g, new Rectangle(2 * W, row * H, W, H));
            }
        }
        g.dispose();
        ImageIO.write(image, "png", out.toFile());
        System.out.println("wrote " + out);
    }

    private static JFreeChart latency(String name, Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",", -1);
        int variants = header.length - 2; // series, live, then one column per fast-mode variant
        XYSeries[] series = new XYSeries[2 * variants];
        for (int v = 0; v < variants; v++) {
            String label = header[2 + v].replaceFirst("^fast_", "fast ");
            series[2 * v] = new XYSeries(label + ", p50");
            series[2 * v + 1] = new XYSeries(label + ", p95");
        }
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[0].endsWith(" rps")) continue;
            int pct = f[0].endsWith("p95 ms") ? 1 : 0;
            double live = Double.parseDouble(f[1]);
            if (live <= 0) continue;
            for (int v = 0; v < variants; v++) {
                if (f[2 + v].isEmpty()) continue;
                double fast = Double.parseDouble(f[2 + v]);
                if (fast <= 0) continue;
                series[2 * v + pct].add(live, fast);
                lo = Math.min(lo, Math.min(live, fast));
                hi = Math.max(hi, Math.max(live, fast));
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) data.addSeries(s);
        lo = Math.max(lo, 0.01) / 1.5;
        hi *= 1.5;
        XYSeries equal = new XYSeries("fast = live");
        XYSeries above = new XYSeries("+15 %");
        XYSeries below = new XYSeries("-15 %");
        for (double x : new double[] {lo, hi}) {
            equal.add(x, x);
            above.add(x, 1.15 * x);
            below.add(x, 0.85 * x);
        }
        data.addSeries(equal);
        data.addSeries(above);
        data.addSeries(below);
        JFreeChart chart = ChartFactory.createScatterPlot(name + ": server latency per endpoint", "live (ms)", "fast mode (ms)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("live (ms)");
        LogAxis y = new LogAxis("fast mode (ms)");
        for (LogAxis a : new LogAxis[] {x, y}) {
            a.setRange(lo, hi);
            a.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createStandardTickUnits());
            a.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
        }
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        Color[] colors = {new Color(0xbdbdbd), new Color(0x757575), new Color(0x64b5f6), new Color(0x1565c0), new Color(0xf48fb1), new Color(0xad1457)};
        int n = series.length;
        for (int i = 0; i < n; i++) r.setSeriesPaint(i, colors[i % colors.length]);
        for (int i = n; i < n + 3; i++) {
            r.setSeriesLinesVisible(i, true);
            r.setSeriesShapesVisible(i, false);
            r.setSeriesPaint(i, i == n ? Color.BLACK : new Color(0x43a047));
            r.setSeriesStroke(i, i == n ? new BasicStroke(1.2f) : new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        }
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        return chart;
    }

    private static JFreeChart overload(String name, Path csv, int column, String what, double scale) throws Exception {
        Map<String, XYSeries> byMode = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            byMode.computeIfAbsent(f[1], XYSeries::new).add(Double.parseDouble(f[0]), scale * Double.parseDouble(f[column]));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byMode.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(name + " overload: " + what, "offered rate (requests/s)", what, data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        Color[] colors = {Color.BLACK, new Color(0x9e9e9e), new Color(0x1e88e5), new Color(0xd81b60)};
        for (int i = 0; i < data.getSeriesCount(); i++) r.setSeriesPaint(i, colors[i % colors.length]);
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        return chart;
    }
}

package dev.microsim.detector.metrics;

import java.util.List;

/** F1 as a function of the PA%K parameter K, with its normalised area. */
public record PaKCurve(List<Point> points) {

    public PaKCurve {
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).kPercent() <= points.get(i - 1).kPercent()) {
                throw new IllegalArgumentException("K values must increase");
            }
        }
    }

    /**
     * Area under F1(K) for K from 0 to 1 by trapezoids (Kim et al. report this "AUC of PA%K");
     * NaN if any F1 is undefined or fewer than two Ks were swept.
     */
    public double area() {
        if (points.size() < 2) {
            return Double.NaN;
        }
        double area = 0;
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            area += (b.kPercent() - a.kPercent()) / 100.0 * (a.f1() + b.f1()) / 2;
        }
        double span = (points.get(points.size() - 1).kPercent() - points.get(0).kPercent()) / 100.0;
        return area / span;
    }

    public record Point(int kPercent, Confusion confusion) {
        public double f1() {
            return confusion.f1();
        }
    }
}

package dev.microsim.detector.detect;

/**
 * Refuses a series no detector can score honestly: an empty one, or one holding NaN or infinity.
 * The error names the series and the first bad point, so a user never gets a silent NaN score.
 */
public final class SeriesCheck {

    private SeriesCheck() {
    }

    public static void requireUsable(String seriesName, double[] values) {
        if (values.length == 0) {
            throw new BadSeriesException(seriesName, "is empty: a detector needs at least one point");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new BadSeriesException(seriesName, "point " + i + " is " + values[i] + ": every value must be a finite number");
            }
        }
    }

    /** A series that cannot be scored, named. */
    public static final class BadSeriesException extends IllegalArgumentException {

        private final String series;

        public BadSeriesException(String series, String problem) {
            super("series \"" + series + "\" " + problem);
            this.series = series;
        }

        public String series() {
            return series;
        }
    }
}

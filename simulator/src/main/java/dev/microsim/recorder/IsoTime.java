package dev.microsim.recorder;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 UTC with milliseconds ({@code 2026-11-24T15:00:01.000Z}), as the dataset format says.
 * Hand-written on purpose: it runs once per span and log line on the writer thread, so the
 * seconds prefix is cached instead of formatting a full date each time. Not thread-safe.
 */
final class IsoTime {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;

    String format(long epochNanos) {
        long millis = Math.floorDiv(epochNanos, 1_000_000L);
        long second = Math.floorDiv(millis, 1000L);
        int ms = (int) Math.floorMod(millis, 1000L);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedPrefix = SECONDS.format(Instant.ofEpochSecond(second)) + ".";
        }
        char[] tail = {(char) ('0' + ms / 100), (char) ('0' + ms / 10 % 10), (char) ('0' + ms % 10), 'Z'};
        return cachedPrefix.concat(new String(tail));
    }

    static String format(Instant instant) {
        return instant == null ? null : new IsoTime().format(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    }
}

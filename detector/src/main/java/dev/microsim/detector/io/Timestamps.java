package dev.microsim.detector.io;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The timestamp spellings accepted in prediction files: an ISO-8601 instant
 * ({@code 2026-11-24T15:00:01.000Z}, as MicroSim writes), a NAB-style UTC local time
 * ({@code 2026-11-24 15:00:01}), or integer epoch seconds (RCAEval's {@code time}).
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant parse(String text) {
        String trimmed = text.trim();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(trimmed));
        }
        if (trimmed.endsWith("Z") || trimmed.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return Instant.parse(trimmed);
        }
        try {
            return LocalDateTime.parse(trimmed.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new DateTimeParseException("not an ISO-8601 instant, \"yyyy-MM-dd HH:mm:ss\" or epoch seconds", text, 0);
        }
    }

    /** The same instant as MicroSim writes it. */
    public static String format(long epochMilli) {
        return Instant.ofEpochMilli(epochMilli).toString();
    }
}

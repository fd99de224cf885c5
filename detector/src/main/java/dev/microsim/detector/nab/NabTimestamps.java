package dev.microsim.detector.nab;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/** NAB writes {@code 2014-04-10 07:15:00} in data files and {@code 2014-04-10 07:15:00.000000} in labels. */
final class NabTimestamps {

    private NabTimestamps() {
    }

    static LocalDateTime parse(String text) throws DateTimeParseException {
        return LocalDateTime.parse(text.trim().replace(' ', 'T'));
    }
}

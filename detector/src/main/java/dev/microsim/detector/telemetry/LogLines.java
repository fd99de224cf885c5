package dev.microsim.detector.telemetry;

import dev.microsim.detector.io.InputFiles;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Streams {@code logs.jsonl} (docs/dataset-format.md) as {@link LogLine}s. The file's
 * {@code template} field is ground truth for log parsing (the simulator knows which template it
 * filled in); it is skipped here, so no parser or detector reading logs this way can see it.
 */
public final class LogLines {

    private static final JsonFactory JSON = new JsonFactory();

    private LogLines() {
    }

    public static void read(Path file, Consumer<LogLine> sink) throws InputException {
        ProblemCollector problems = new ProblemCollector();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            // A killed run's last line may be cut mid-record: that line alone is not a problem.
            boolean cut = InputFiles.endsCut(file);
            String text;
            String next = reader.readLine();
            long line = 0;
            while ((text = next) != null) {
                next = reader.readLine();
                line++;
                if (text.isBlank() || (next == null && cut)) {
                    continue;
                }
                try {
                    sink.accept(parse(text));
                } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
                    problems.add(InputProblem.at(file, line, null, abbreviate(text), "is not a log record: " + (e instanceof IOException io ? InputFiles.describe(io) : e.getMessage())));
                }
            }
        } catch (IOException e) {
            throw new InputException(InputProblem.ofFile(file, "cannot be read: " + InputFiles.describe(e)));
        }
        problems.throwIfAny();
    }

    private static LogLine parse(String text) throws IOException {
        String time = null, service = null, instance = null, level = null, message = null, traceId = null;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                String s = value == JsonToken.VALUE_NULL ? null : p.getText();
                switch (field) {
                    case "time" -> time = s;
                    case "service" -> service = s;
                    case "instance" -> instance = s;
                    case "level" -> level = s;
                    case "message" -> message = s;
                    case "traceId" -> traceId = s;
                    default -> { } // "template" (ground truth) and fields a newer writer adds
                }
            }
        }
        if (time == null || service == null || level == null || message == null) {
            throw new IllegalArgumentException("needs time, service, level and message");
        }
        return new LogLine(Instant.parse(time).toEpochMilli(), service, instance, level, message, traceId);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}

package dev.microsim.detector.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens input files one way everywhere: UTF-8 with a leading byte-order mark skipped (editors
 * on Windows add one, and it would glue itself to the first column's name), and failures said in
 * words with the line and column, never as a Java exception's class name or Jackson's internals.
 */
public final class InputFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InputFiles() {
    }

    /** A UTF-8 reader positioned after a byte-order mark, if the file starts with one. */
    public static Reader reader(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    public static JsonNode readJson(Path file) throws InputException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(InputProblem.ofFile(file, Files.isDirectory(file) ? "is a directory, expected a JSON file" : "not found"));
        }
        try (Reader reader = reader(file)) {
            JsonNode tree = JSON.readTree(reader);
            if (tree == null || tree.isMissingNode()) {
                throw new InputException(InputProblem.ofFile(file, "is empty, expected JSON"));
            }
            return tree;
        } catch (IOException e) {
            throw new InputException(InputProblem.ofFile(file, "is not valid JSON: " + describe(e)));
        }
    }

    /** True when the file does not end with a newline: its last line was cut while being written (a killed run). */
    public static boolean endsCut(Path file) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    /** What went wrong reading a file, for a user: a position and the parser's own words. */
    public static String describe(Exception e) {
        if (e instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            // Jackson's own wording minus its internals: "(code 93)" and the source description.
            return where + firstLine(json.getOriginalMessage()).replaceAll(" \\(code -?\\d+\\)", "");
        }
        if (e instanceof CharacterCodingException) {
            return "is not UTF-8 text (a binary file?)";
        }
        if (e instanceof NoSuchFileException) {
            return "not found";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return message == null ? "unreadable" : firstLine(message);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}

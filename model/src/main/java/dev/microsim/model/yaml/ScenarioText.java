package dev.microsim.model.yaml;

import dev.microsim.model.scenario.Limits;
import dev.microsim.model.units.ByteSize;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checks that must come before any YAML is scanned, because the scanner itself is the
 * danger: size (a 50 MB scalar takes SnakeYAML minutes; its cost grows with the square of a
 * scalar's length, hence also a bound per line), encoding (a binary file is not a scenario) and
 * NUL characters. Each failure is one diagnostic in the words of the file, never a Java
 * exception's name.
 */
final class ScenarioText {
    private ScenarioText() {}

    /** The text, or the one problem that stops reading. */
    record Read(String text, Diagnostic problem) {}

    static Read read(Path file) {
        try {
            if (Files.isDirectory(file)) return failed("cannot read: it is a directory, not a scenario file");
            long size = Files.size(file);
            if (size > Limits.MAX_FILE_BYTES) {
                return failed("the file is " + size + " bytes; a scenario file may be at most "
                        + new ByteSize(Limits.MAX_FILE_BYTES) + " (nothing was read)");
            }
            return decode(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return failed("cannot read: no such file");
        } catch (AccessDeniedException e) {
            return failed("cannot read: permission denied");
        } catch (IOException e) {
            return failed("cannot read: " + e.getMessage());
        }
    }

    /** Strict UTF-8: an invalid byte names its offset instead of becoming U+FFFD or an exception. */
    static Read decode(byte[] bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return check(utf8.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            int offset = firstInvalidByte(bytes);
            return failed(String.format("not UTF-8 text: byte 0x%02x at offset %d is not valid UTF-8 (a scenario is a UTF-8 YAML text file; is this a binary file?)",
                    bytes[offset] & 0xff, offset));
        }
    }

    /** Checks already-decoded text (the control API, generated scenarios): length, lines, NUL. A UTF-8 BOM is dropped. */
    static Read check(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (t.length() > Limits.MAX_FILE_BYTES) {
            return failed("the text is " + t.length() + " characters; a scenario may be at most " + Limits.MAX_FILE_BYTES);
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : '\n';
            if (c == '\0') {
                return new Read(null, new Diagnostic(Diagnostic.Severity.ERROR, "", "a NUL character: this is not a text file (a scenario is UTF-8 YAML)",
                        Optional.of(new SourcePosition(line, i - lineStart + 1))));
            }
            if (c == '\n') {
                if (i - lineStart > Limits.MAX_LINE_CHARS) {
                    return new Read(null, new Diagnostic(Diagnostic.Severity.ERROR, "", "line " + line + " is " + (i - lineStart)
                            + " characters long; at most " + Limits.MAX_LINE_CHARS + " per line (nothing was parsed: the YAML scanner slows down"
                            + " with the square of a value's length)", Optional.of(new SourcePosition(line, 1))));
                }
                line++;
                lineStart = i + 1;
            }
        }
        return new Read(t, null);
    }

    private static int firstInvalidByte(byte[] bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        utf8.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static Read failed(String message) {
        return new Read(null, new Diagnostic(Diagnostic.Severity.ERROR, "", message, Optional.empty()));
    }
}

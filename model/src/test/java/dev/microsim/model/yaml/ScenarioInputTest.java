package dev.microsim.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.scenario.Limits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is checked before any YAML is scanned: size, encoding, NUL characters, line length. The
 * scanner is the danger here (a 50 MB scalar took it minutes), so these inputs must be refused
 * with one clear line, not after a scan and never with a Java exception's name.
 */
class ScenarioInputTest {
    private final ScenarioParser parser = new ScenarioParser();

    private static final String VALID = """
            name: ok
            duration: 10s
            services:
              web:
                endpoints:
                  GET /x: {}
            load:
              - {profile: constant, rate: 1/s, target: web GET /x}
            """;

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead(@TempDir Path tmp) throws IOException {
        Path big = tmp.resolve("big.yaml");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write("name: ".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 17; i++) out.write(chunk); // one 17 MiB scalar
        }
        ParseResult r = parser.parse(big);
        assertThat(r.ok()).isFalse();
        assertThat(r.lines()).singleElement().asString()
                .isEqualTo(big + ": error: the file is 17825798 bytes; a scenario file may be at most 16MiB (nothing was read)");
    }

    @Test
    void aLongScalarIsRefusedBeforeTheScan() {
        String text = "name: " + "a".repeat(Limits.MAX_LINE_CHARS) + "\nduration: 1s\n";
        ParseResult r = parser.parse(text, "long.yaml");
        assertThat(r.lines()).singleElement().asString().startsWith("long.yaml:1:1: error: line 1 is 65542 characters long; at most 65536 per line");
    }

    @Test
    void aBinaryFileNamesTheFirstBadByteNotACharsetException(@TempDir Path tmp) throws IOException {
        Path bin = Files.write(tmp.resolve("bin.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28, 'x'});
        ParseResult r = parser.parse(bin);
        assertThat(r.lines()).singleElement().asString()
                .isEqualTo(bin + ": error: not UTF-8 text: byte 0xc3 at offset 6 is not valid UTF-8 (a scenario is a UTF-8 YAML text file; is this a binary file?)");
        assertThat(r.lines().get(0)).doesNotContain("java.").doesNotContain("Exception");
    }

    @Test
    void aNulCharacterIsRefusedAtItsPosition() {
        ParseResult r = parser.parse("name: x\nduration: 1s\0\n", "nul.yaml");
        assertThat(r.lines()).containsExactly("nul.yaml:2:13: error: a NUL character: this is not a text file (a scenario is UTF-8 YAML)");
    }

    @Test
    void aByteOrderMarkIsAcceptedAndNotAnError(@TempDir Path tmp) throws IOException {
        Path bom = Files.write(tmp.resolve("bom.yaml"), ("\uFEFF" + VALID).getBytes(StandardCharsets.UTF_8));
        assertThat(parser.parse(bom).lines()).isEmpty();
        assertThat(parser.parse(bom).ok()).isTrue();
    }

    @Test
    void unreadableFilesSayWhyInWords(@TempDir Path tmp) {
        assertThat(parser.parse(tmp.resolve("missing.yaml")).lines()).containsExactly(tmp.resolve("missing.yaml") + ": error: cannot read: no such file");
        assertThat(parser.parse(tmp).lines()).containsExactly(tmp + ": error: cannot read: it is a directory, not a scenario file");
    }

    @Test
    void aScenarioNearTheSizeLimitStillParses(@TempDir Path tmp) throws IOException {
        // 7 MiB of comments: past SnakeYAML's default 3 M code points, within ours (a 10,000-service mesh is about 7 MB).
        StringBuilder b = new StringBuilder(VALID);
        String comment = "# " + "c".repeat(1000) + "\n";
        while (b.length() < 7 << 20) b.append(comment);
        Path file = Files.writeString(tmp.resolve("big-but-ok.yaml"), b);
        assertThat(parser.parse(file).lines()).isEmpty();
    }
}

package dev.microsim.detector.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogMaskerTest {

    @Test
    void masksEachMatchInOrder() {
        LogMasker masker = LogMasker.of(List.of("blk_-?\\d+", "(\\d+\\.){3}\\d+(:\\d+)?"));
        assertThat(masker.mask("Served blk_-123 to /10.0.0.1:50010")).isEqualTo("Served <*> to /<*>");
    }

    @Test
    void decidesWhichRegexesCanRunTokenByToken() {
        assertThat(LogMasker.isTokenLocal("(\\d+\\.){3}\\d+")).isTrue();
        assertThat(LogMasker.isTokenLocal("[\\w.-]+")).isTrue();
        assertThat(LogMasker.isTokenLocal("<\\d+\\ssec")).isFalse();
        assertThat(LogMasker.isTokenLocal("0x.*?\\s")).isFalse();
        assertThat(LogMasker.isTokenLocal("[^/]+")).isFalse();
        assertThat(LogMasker.isTokenLocal("^\\d+")).isFalse();
        assertThat(LogMasker.isTokenLocal("a b")).isFalse();
    }

    @Test
    void aRegexIsSkippedOnlyWhereTheLiteralEveryMatchStartsWithIsMissing() {
        assertThat(LogMasker.leadingLiteral("blk_-?\\d+")).isEqualTo("blk_"); // the dash is optional
        assertThat(LogMasker.leadingLiteral("0x.*?\\s")).isEqualTo("0x");
        assertThat(LogMasker.leadingLiteral("<\\d+\\ssec")).isEqualTo("<");
        assertThat(LogMasker.leadingLiteral("core\\.\\d+")).isEqualTo("core");
        assertThat(LogMasker.leadingLiteral("ab{2}")).isEqualTo("a");
        assertThat(LogMasker.leadingLiteral("(\\d+\\.){3}\\d+")).isEmpty();
        assertThat(LogMasker.leadingLiteral("abc|x")).isEmpty(); // an alternation may start elsewhere
        LogMasker masker = LogMasker.of(List.of("blk_-?\\d+", "0x.*?\\s"));
        assertThat(masker.maskedTokens("read blk_-12 at 0x1f done")).containsExactly("read", "<*>", "at", "<*>done");
        assertThat(masker.maskedTokens("read bl_12 at 1f done")).containsExactly("read", "bl_12", "at", "1f", "done");
    }

    @Test
    void tokenByTokenMaskingEqualsMaskingTheWholeLine() {
        List<List<String>> maskSets = List.of(
                List.of("(\\d+\\.){3}\\d+", "\\b[KGTM]?B\\b", "([\\w-]+\\.){2,}[\\w-]+"),
                List.of("<\\d+\\ssec", "([\\w-]+\\.)+[\\w-]+(:\\d+)?", "\\d{2}:\\d{2}(:\\d{2})*", "[KGTM]B"),
                List.of("((\\d+\\.){3}\\d+,?)+", "/.+?\\s", "\\d+"),
                List.of("\\b(\\-?\\+?\\d+)\\b|\\b0[Xx][a-fA-F\\d]+\\b|\\b[a-fA-F\\d]{4,}\\b"));
        String[] words = {"a", "B", "KB", "10.0.0.1", "x.y.z", "<1", "sec", "/tmp/f", "0x1F", "12:30:01", "-7", "beef", "  ", "\t"};
        Random random = new Random(7);
        for (List<String> masks : maskSets) {
            LogMasker masker = LogMasker.of(masks);
            for (int n = 0; n < 2000; n++) {
                StringBuilder line = new StringBuilder();
                int length = 1 + random.nextInt(8);
                for (int i = 0; i < length; i++) {
                    line.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
                }
                String text = line.toString();
                assertThat(masker.maskedTokens(text)).as(masks + " on \"" + text + "\"").containsExactly(Tokens.split(masker.mask(text)));
            }
        }
    }
}

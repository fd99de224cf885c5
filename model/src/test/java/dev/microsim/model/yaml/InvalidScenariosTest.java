package dev.microsim.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: each {@code invalid/NN-what.yaml} is one kind of mistake, and the sibling
 * {@code NN-what.expected} holds the exact lines {@code microsim validate} must print for it
 * (file:line:column, severity, field path, reason), in order. The files double as examples of
 * the error format in docs/scenario-format.md.
 */
class InvalidScenariosTest {
    private final ScenarioParser parser = new ScenarioParser();

    static Path dir() {
        try {
            return Path.of(InvalidScenariosTest.class.getResource("/invalid").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static List<String> expected(Path yaml) {
        Path file = yaml.resolveSibling(yaml.getFileName().toString().replaceFirst("\\.yaml$", ".expected"));
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("missing expectations for " + yaml.getFileName(), e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedProblems(Path yaml) throws IOException {
        String name = yaml.getFileName().toString();
        List<String> expected = expected(yaml);
        assertThat(expected).as("expectations of " + name).isNotEmpty();

        ParseResult result = parser.parse(Files.readString(yaml, StandardCharsets.UTF_8), name);

        assertThat(result.lines()).as(name).containsExactlyElementsOf(expected);
        boolean expectsError = expected.stream().anyMatch(l -> l.contains(": error: "));
        assertThat(result.ok()).as(name + " is valid exactly when only warnings are expected").isEqualTo(!expectsError);
        assertThat(result.lines()).as("one line per problem").noneMatch(l -> l.contains("\n"));
    }

    @Test
    void theSuiteCoversEnoughCasesAndEachHasExpectations() throws IOException {
        List<Path> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        all.forEach(InvalidScenariosTest::expected);
        try (Stream<Path> files = Files.list(dir())) {
            assertThat(files.filter(p -> p.toString().endsWith(".expected")).count()).as("no orphan .expected files").isEqualTo(all.size());
        }
    }
}

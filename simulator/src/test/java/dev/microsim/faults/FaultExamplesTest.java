package dev.microsim.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.cli.Scenarios;
import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.model.yaml.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** scenarios/faults/ holds one valid example per kind, and docs/faults.md documents every kind. */
class FaultExamplesTest {
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("scenarios/faults"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("no scenarios/faults above " + Path.of("").toAbsolutePath());
        return p;
    }

    @Test
    void everyExampleValidatesAndEveryKindHasOne() throws IOException {
        Set<String> kinds = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(root().resolve("scenarios/faults"))) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path f : files) {
            ParseResult r = Scenarios.parser().parse(f);
            assertThat(r.diagnostics()).as(f.toString()).isEmpty();
            r.scenario().orElseThrow().faults().forEach(x -> kinds.add(x.kind()));
        }
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(FaultCatalog.standard().kinds());
    }

    @Test
    void docsDescribeEveryKind() throws IOException {
        String doc = Files.readString(root().resolve("docs/faults.md"));
        for (String kind : FaultCatalog.standard().kinds()) assertThat(doc).as(kind).contains("### `" + kind + "`");
    }
}

package dev.microsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The request interpreter is written once for every engine: its package imports neither an engine
 * (Vert.x, the live or discrete-event adapters), nor the load (Gatling), nor the OpenTelemetry SDK.
 */
class EngineIsNeutralTest {
    private static final List<String> FORBIDDEN = List.of("io.vertx", "io.netty", "io.gatling", "io.opentelemetry", "dev.microsim.runtime",
            "dev.microsim.sim", "dev.microsim.load", "dev.microsim.run", "dev.microsim.cli");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void theEnginePackageImportsNoEngineNoLoadAndNoOtelSdk() throws Exception {
        Path dir = Path.of("src/main/java/dev/microsim/engine");
        assertThat(dir).isDirectory();
        List<String> offending = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                Matcher m = IMPORT.matcher(Files.readString(p));
                while (m.find()) {
                    String imported = m.group(2);
                    if (FORBIDDEN.stream().anyMatch(imported::startsWith)) offending.add(p.getFileName() + ": " + imported);
                }
            }
        }
        assertThat(files).isGreaterThan(10);
        assertThat(offending).isEmpty();
    }
}

package dev.microsim.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.units.Rate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Gatling run leaves on the user's screen and disk: none of Gatling's own chatter on
 * standard output ("Simulation ... started..."), and no microsim-gatling-* folder in the temp
 * directory afterwards.
 */
class GatlingQuietTest {
    private static List<Path> gatlingFolders(Path tmp) throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("microsim-gatling-")).toList();
        }
    }

    @Test
    void aRunPrintsNoGatlingChatterAndLeavesNoTemporaryFolder(@TempDir Path tmp) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoadResult result;
        try (LoopbackServer server = new LoopbackServer(Duration.ZERO)) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            EndpointRef x = new EndpointRef("web", new EndpointId("GET", "/x"));
            LoadPlan plan = new LoadPlan(List.of(LoadSpec.of("quiet", new LoadProfile.Constant(Rate.perSecond(20)), x)),
                    ref -> URI.create(server.url(ref.endpoint().path())), Duration.ofSeconds(2), 1, Duration.ofSeconds(1));
            result = new GatlingLoadRunner(java.time.Clock.systemUTC(), tmp).run(plan, ClientStatsSink.NONE);
            System.out.println("after the run");
        } finally {
            System.setOut(original);
        }
        assertThat(result.requests()).isPositive();
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("Simulation ").doesNotContain("started...");
        assertThat(out).contains("after the run");
        // (A folder in the shared temp directory could be another run's; this run's root is its own.)
        assertThat(gatlingFolders(tmp)).as("no temporary folder left").isEmpty();
    }

    @Test
    void otherLinesPassThroughTheFilter() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream filtered = GatlingConsole.over(new PrintStream(sink, true, StandardCharsets.UTF_8));
        filtered.println("Simulation dev.microsim.load.MicrosimSimulation started...");
        filtered.println("a user's line");
        filtered.println("Simulation x completed in 3 seconds");
        filtered.print("no newline yet");
        filtered.close();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("a user's line" + System.lineSeparator() + "no newline yet");
    }
}

package dev.microsim.load.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadCommandTest {
    private record Outcome(int exit, String out, String err) {}

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new LoadCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    @Test
    void refusesANonLoopbackHostBeforeSendingAnything() {
        Outcome o = run("--url", "http://192.168.1.10:8080/home", "--profile", "constant", "--rate", "10/s", "--duration", "5s");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains("load: --url: host \"192.168.1.10\" in \"http://192.168.1.10:8080/home\" is not loopback;")
                .contains("never to other hosts");
    }

    @Test
    void namesEveryBadFlagAndValueAtOnce() {
        Outcome o = run("--url", "http://127.0.0.1:1/x", "--profile", "ramp", "--from", "-5/s", "--to", "10/s", "--over", "20s",
                "--duration", "10s", "--peak", "50/s", "--max-requests", "0");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err().lines()).containsExactly(
                "load: --max-requests: must be >= 1, got 0",
                "load: --peak: not used by --profile ramp (it reads --from, --to, --over)",
                "load: --from: must be >= 0, got -5/s",
                "load: --over: the ramp lasts 20s but --duration is 10s, so it would end before reaching --to");
    }

    @Test
    void checksEachProfilesOwnValues() {
        assertThat(run("--url", "http://localhost:1/", "--profile", "diurnal", "--base", "10/s", "--amplitude", "20/s", "--period", "0s",
                "--noise", "2", "--duration", "10s").err().lines()).containsExactly(
                "load: --period: must be > 0, got 0s",
                "load: --noise: must be between 0 and 1 (a relative standard deviation), got 2",
                "load: --amplitude: must be <= --base (10/s) so the rate never goes negative, got 20/s");
        assertThat(run("--url", "http://localhost:1/", "--profile", "spike", "--rate", "lots", "--peak", "50/s", "--at", "12s", "--length", "1s",
                "--duration", "10s").err().lines()).containsExactly(
                "load: --rate: cannot parse rate \"lots\" (expected e.g. 200/s, 30/m)",
                "load: --at: the spike starts at 12s, at or after the run ends (--duration 10s)");
        assertThat(run("--url", "http://localhost:1/", "--profile", "closed", "--users", "0", "--duration", "10s").err())
                .isEqualTo("load: --users: must be >= 1, got 0" + System.lineSeparator());
    }

    @Test
    void unknownFlagsAndProfilesAreUsageErrors() {
        assertThat(run("--url", "http://127.0.0.1:1/", "--profile", "sawtooth", "--duration", "1s").exit()).isEqualTo(2);
        assertThat(run("--url", "http://127.0.0.1:1/", "--profile", "constant", "--rate", "1", "--duration", "1s", "--bogus").exit()).isEqualTo(2);
    }

    @Test
    void drivesALoopbackServerAndPrintsOneLinePerInterval() throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicInteger served = new AtomicInteger();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(req -> {
                if ("microsim-load".equals(req.getHeader("User-Agent"))) served.incrementAndGet();
                req.response().end("ok");
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            Outcome o = run("--url", "http://127.0.0.1:" + server.actualPort() + "/ping?x=1", "--profile", "poisson", "--rate", "100/s",
                    "--duration", "2s", "--interval", "500ms", "--max-requests", "150", "--seed", "4");

            assertThat(o.exit()).as(o.err()).isZero();
            assertThat(served.get()).isEqualTo(150); // the budget ends the run before the 2s are up
            assertThat(o.out().lines().filter(l -> l.startsWith("+"))).isNotEmpty().allMatch(l -> l.contains("requests="));
            assertThat(o.out()).contains("total: 150 requests, 0 errors");
            assertThat(o.err()).contains("GET http://127.0.0.1:" + server.actualPort() + "/ping?x=1, Poisson 100/s for 2s");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}

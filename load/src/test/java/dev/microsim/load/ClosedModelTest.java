package dev.microsim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClosedModelTest {
    @Test
    void neverMoreThanNUsersInFlightAndAnInterruptStopsTheRun() throws Exception {
        int users = 4;
        var closed = new LoadProfile.Closed(users, new Distribution.Uniform(Duration.ofMillis(5), Duration.ofMillis(15)));
        try (LoopbackServer server = new LoopbackServer(Duration.ofMillis(40))) {
            LoadPlan plan = new LoadPlan(List.of(LoadSpec.of("users", closed, EndpointRef.parse("frontend GET /home"))),
                    ref -> URI.create(server.url(ref.endpoint().path())), Duration.ofSeconds(60), 9, Duration.ofSeconds(1));
            AtomicReference<Thread> runner = new AtomicReference<>();
            CompletableFuture<LoadResult> running = CompletableFuture.supplyAsync(() -> {
                runner.set(Thread.currentThread());
                try {
                    return new GatlingLoadRunner().run(plan, ClientStatsSink.NONE);
                } catch (InterruptedException e) {
                    throw new IllegalStateException("run() should return a result when interrupted, not throw", e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.arrivalNanos().size() < 150 && System.nanoTime() < deadline) Thread.sleep(50);

            // A second run in the same JVM while this one goes would mix plans: it must fail loudly.
            assertThatThrownBy(() -> new GatlingLoadRunner().run(plan, ClientStatsSink.NONE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already in progress");

            runner.get().interrupt();
            LoadResult result = running.get(30, TimeUnit.SECONDS); // far less than the planned 60s

            assertThat(result.stoppedEarly()).isTrue();
            assertThat(server.arrivalNanos().size()).isGreaterThanOrEqualTo(150);
            // Each user waits for its answer (40ms) and thinks 5-15ms: never more than `users` at the
            // server at once (and, being busy ~80% of the time, several of them together).
            assertThat(server.maxInFlight()).isLessThanOrEqualTo(users).isGreaterThanOrEqualTo(2);
            assertThat(result.requests()).isLessThanOrEqualTo(server.arrivalNanos().size());
        }
    }
}

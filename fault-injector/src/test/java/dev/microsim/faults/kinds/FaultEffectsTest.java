package dev.microsim.faults.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.Scope;
import dev.microsim.model.graph.CallGraph;
import dev.microsim.faults.testing.FakeMesh;
import dev.microsim.faults.testing.Meshes;
import dev.microsim.faults.testing.MutableClock;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each kind composes on the mesh, and that recovering removes all of it. */
class FaultEffectsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final FakeMesh mesh = new FakeMesh(clock, Map.of("front", 1, "mid", 2, "db", 1, "side", 1));
    private final Scenario scenario = Meshes.chain(List.of());

    private Applied inject(String kind, FaultTarget target, Map<String, Object> params, double strength) {
        FaultSpec spec = new FaultSpec("f", kind, target, Duration.ZERO, Duration.ofSeconds(10), Duration.ZERO, params);
        Fault fault = FaultCatalog.standard().parse(spec);
        return fault.inject(new Injection(mesh, spec, scenario, CallGraph.of(scenario), strength));
    }

    private Applied inject(String kind, FaultTarget target, Map<String, Object> params) {
        return inject(kind, target, params, 1);
    }

    private static FaultTarget edge(String caller, String callee) {
        return new FaultTarget(callee, Optional.empty(), Optional.empty(), Optional.of(caller), 1);
    }

    private static FaultTarget shared(String service, double share) {
        return new FaultTarget(service, Optional.empty(), Optional.empty(), Optional.empty(), share);
    }

    @Test
    void latencyIsServerSideOnAServiceAndOnTheWireOnAnEdge() {
        Applied a = inject("latency", FaultTarget.service("db"), Map.of("delay", "50ms", "jitter", "10ms"));
        assertThat(mesh.active).containsExactly(new Effect.Delay(Scope.service("db"),
                new Distribution.Uniform(Duration.ofMillis(40), Duration.ofMillis(60))));
        a.recover();
        inject("latency", edge("mid", "db"), Map.of("delay", "50ms"));
        assertThat(mesh.active).containsExactly(new Effect.CallDelay(Scope.edge("mid", "db"), new Distribution.Constant(Duration.ofMillis(50))));
    }

    @Test
    void requestFaultsCarryTheTargetShareGradedByRampStrength() {
        inject("http-error", shared("mid", 0.4), Map.of("status", 503L), 0.5);
        Effect.Abort abort = mesh.active(Effect.Abort.class).get(0);
        assertThat(abort.status()).isEqualTo(503);
        assertThat(abort.scope().share()).isEqualTo(0.2);
        assertThat(abort.exception()).isNull();
    }

    @Test
    void exceptionAbortsWithTheExceptionClass() {
        inject("exception", FaultTarget.service("mid"), Map.of("exception", "java.io.IOException"));
        assertThat(mesh.active).containsExactly(new Effect.Abort(Scope.service("mid"), 500, "java.io.IOException"));
    }

    @Test
    void resourceFaultsGradeTheirOwnStrength() {
        inject("cpu-hog", FaultTarget.service("mid"), Map.of("cores", 2L), 0.25);
        inject("memory-pressure", FaultTarget.service("mid"), Map.of("size", "64Mi"), 0.5);
        inject("memory-leak", FaultTarget.service("db"), Map.of("growth", "4MiB/s"));
        inject("log-storm", FaultTarget.service("side"), Map.of("rate", "100/s", "level", "warn"), 0.5);
        assertThat(mesh.active).containsExactly(
                new Effect.CpuBurn(Scope.service("mid"), 0.5),
                new Effect.Memory(Scope.service("mid"), 32L << 20, 0),
                new Effect.Memory(Scope.service("db"), 0, 4L << 20),
                new Effect.LogStorm(Scope.service("side"), 50, "WARN"));
    }

    @Test
    void crashKillsThenRestartsAfterTheDelayOnTick() {
        Applied a = inject("crash", FaultTarget.service("mid"), Map.of("restartDelay", "2s"));
        assertThat(mesh.down).containsExactlyInAnyOrder("mid-0", "mid-1");
        a.tick(clock.advance(Duration.ofMillis(1999)));
        assertThat(mesh.down).hasSize(2);
        a.tick(clock.advance(Duration.ofMillis(1)));
        assertThat(mesh.down).isEmpty();
        assertThat(mesh.restarts).isEqualTo(2);
        assertThat(a.recover()).isEqualTo(clock.instant()); // recovered when the replicas came back
        assertThat(mesh.restarts).isEqualTo(2);
    }

    @Test
    void crashWithoutDelayStaysDownUntilRecoveredAndHonoursReplicas() {
        Applied a = inject("crash", new FaultTarget("mid", Optional.empty(), Optional.of(List.of(1)), Optional.empty(), 1), Map.of());
        a.tick(clock.advance(Duration.ofMinutes(5)));
        assertThat(mesh.down).containsExactly("mid-1");
        a.recover();
        assertThat(mesh.down).isEmpty();
    }

    @Test
    void crashLoopCyclesDownAndUpUntilRecoveredAndLeavesReplicasUp() {
        Applied a = inject("crash-loop", FaultTarget.service("db"), Map.of("uptime", "1s", "restartDelay", "500ms"));
        for (int i = 0; i < 29; i++) a.tick(clock.advance(Duration.ofMillis(100))); // 2.9 s: down .5, up 1, down .5, up (next kill at 3 s)
        assertThat(mesh.log).containsExactly("kill db-0", "start db-0", "kill db-0", "start db-0");
        a.tick(clock.advance(Duration.ofMillis(100)));
        assertThat(mesh.down).containsExactly("db-0");
        a.recover();
        assertThat(mesh.down).isEmpty();
    }

    @Test
    void partitionCutsBothDirectionsOrIsolatesTheService() {
        Applied a = inject("partition", edge("front", "mid"), Map.of());
        assertThat(mesh.active).containsExactly(
                new Effect.CallFailure(Scope.edge("front", "mid"), Effect.CallFailure.Mode.BLACKHOLE),
                new Effect.CallFailure(Scope.edge("mid", "front"), Effect.CallFailure.Mode.BLACKHOLE));
        a.recover();
        inject("partition", FaultTarget.service("mid"), Map.of("mode", "reject"));
        assertThat(mesh.active).containsExactly(
                new Effect.CallFailure(Scope.service("mid"), Effect.CallFailure.Mode.REFUSED),
                new Effect.CallFailure(Scope.edge("mid", "db"), Effect.CallFailure.Mode.REFUSED));
    }

    @Test
    void networkFaultsOnCalls() {
        inject("packet-loss", new FaultTarget("db", Optional.empty(), Optional.empty(), Optional.of("mid"), 0.1), Map.of());
        inject("unreachable", FaultTarget.service("side"), Map.of());
        inject("bandwidth", FaultTarget.service("db"), Map.of("rate", "8KiB/s"), 0.5);
        inject("misconfiguration", edge("front", "mid"), Map.of("path", "/v2"));
        assertThat(mesh.active).containsExactly(
                new Effect.CallFailure(new Scope("db", Optional.empty(), Optional.empty(), Optional.of("mid"), 0.1), Effect.CallFailure.Mode.RESET),
                new Effect.CallFailure(Scope.service("side"), Effect.CallFailure.Mode.REFUSED),
                new Effect.Bandwidth(Scope.service("db"), 16 * 1024),
                new Effect.Redirect(Scope.edge("front", "mid"), "/v2"));
    }

    @Test
    void badDeployRollsToTheFirstShareOfReplicas() {
        inject("bad-deploy", FaultTarget.service("mid"), Map.of("cpuFactor", 3L, "errorRate", 0.2, "rollout", 0.5));
        Scope first = new Scope("mid", Optional.empty(), Optional.of(Set.of(0)), Optional.empty(), 1);
        assertThat(mesh.active).containsExactly(new Effect.Slowdown(first, 3, 1),
                new Effect.Abort(new Scope("mid", Optional.empty(), Optional.of(Set.of(0)), Optional.empty(), 0.2), 500, null));
    }

    @Test
    void retryStormMakesCallersRetryAFailingService() {
        inject("retry-storm", FaultTarget.service("db"), Map.of("retries", 4L, "failure", 0.6));
        assertThat(mesh.active).containsExactly(new Effect.Retries(Scope.service("db"), 4, Duration.ZERO),
                new Effect.Abort(new Scope("db", Optional.empty(), Optional.empty(), Optional.empty(), 0.6), 503, null));
    }

    @Test
    void serverSideOddities() {
        inject("hang", FaultTarget.service("db"), Map.of());
        inject("pool-exhaustion", FaultTarget.service("db"), Map.of()); // default: all 8 slots of db
        inject("slow-disk", FaultTarget.service("db"), Map.of("factor", 10L));
        inject("clock-skew", FaultTarget.service("side"), Map.of("offset", "-30s"));
        assertThat(mesh.active).containsExactly(new Effect.Hang(Scope.service("db")), new Effect.HoldSlots(Scope.service("db"), 8),
                new Effect.Slowdown(Scope.service("db"), 1, 10), new Effect.ClockSkew(Scope.service("side"), Duration.ofSeconds(-30)));
    }

    @Test
    void cacheFailureMultipliesTheCachingServicesCalls() {
        inject("cache-failure", FaultTarget.service("mid"), Map.of("factor", 4L));
        assertThat(mesh.active).containsExactly(new Effect.Amplify(Scope.edge("mid", "db"), 4));
        assertThatThrownBy(() -> inject("cache-failure", FaultTarget.service("mid"), Map.of("backend", "side")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cache-failure on \"mid\": it never calls backend \"side\" (it calls [db])");
    }

    @Test
    void aRefusedEffectRemovesTheOnesAlreadyInstalledAndFailsLoudly() {
        mesh.refuse = e -> e.scope().service().equals("db") && e instanceof Effect.CallFailure;
        assertThatThrownBy(() -> inject("partition", FaultTarget.service("mid"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessage("refused CallFailure");
        assertThat(mesh.active).isEmpty();
        assertThat(mesh.log).containsExactly("apply " + new Effect.CallFailure(Scope.service("mid"), Effect.CallFailure.Mode.BLACKHOLE),
                "remove " + new Effect.CallFailure(Scope.service("mid"), Effect.CallFailure.Mode.BLACKHOLE));
    }

    @Test
    void everyKindRecoversToNothingApplied() {
        for (String kind : FaultCatalog.standard().kinds()) {
            FaultTarget target = switch (kind) {
                case "partition", "misconfiguration" -> edge("front", "mid");
                default -> FaultTarget.service("mid");
            };
            Map<String, Object> params = switch (kind) {
                case "latency" -> Map.of("delay", "5ms");
                case "memory-leak" -> Map.of("growth", "1MiB/s");
                case "memory-pressure" -> Map.of("size", "1Mi");
                case "bandwidth" -> Map.of("rate", "1KiB/s");
                case "bad-deploy" -> Map.of("cpuFactor", 2L);
                case "clock-skew" -> Map.of("offset", "5s");
                default -> Map.of();
            };
            Applied a = inject(kind, target, params);
            assertThat(mesh.active.size() + mesh.down.size()).as(kind + " acts").isPositive();
            a.recover();
            a.recover(); // idempotent
            assertThat(mesh.active).as(kind + " recovered").isEmpty();
            assertThat(mesh.down).as(kind + " recovered").isEmpty();
        }
    }
}

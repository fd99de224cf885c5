package dev.microsim.faults;

import static dev.microsim.faults.RequestFaultSignaturesTest.edge;
import static dev.microsim.faults.RequestFaultSignaturesTest.labelMatchesOnset;
import static dev.microsim.faults.RequestFaultSignaturesTest.offPathNormal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.faults.SignatureMesh.Run;
import dev.microsim.model.scenario.FaultTarget;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Call-side (network and caller-behaviour) faults on a real mesh under load (see RequestFaultSignaturesTest). */
class NetworkFaultSignaturesTest extends SignatureTestBase {
    static double ratio(Run r, String service) {
        return r.during(service, "errors") / r.during(service, "requests");
    }

    @Test
    void partitionBlackholesCallsUntilTheCallersTimeout() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("partition", edge("front", "mid"), Map.of()));
        Measured.row("partition", "front latency_p50_ms (call timeout 800 ms)", r.before("front", "latency_p50_ms"), r.during("front", "latency_p50_ms"),
                r.after("front", "latency_p50_ms"), ">= 700 ms; mid requests ~0");
        Measured.row("partition", "mid requests per interval", r.before("mid", "requests"), r.during("mid", "requests"), r.after("mid", "requests"), "< 20 % of before");
        assertThat(r.during("front", "latency_p50_ms")).isGreaterThan(700);
        assertThat(r.during("mid", "requests")).isLessThan(0.2 * r.before("mid", "requests"));
        // Calls blackholed just before recovery still time out 800 ms later: look from 1 s after the end.
        var settled = r.faultEnd().plusSeconds(1);
        var end = r.faultEnd().plus(SignatureMesh.AFTER);
        assertThat(r.mean("front", "latency_p50_ms", settled, end)).isLessThan(r.before("front", "latency_p50_ms") + 20);
        assertThat(r.mean("front", "errors", settled, end)).isZero();
        offPathNormal(r);
    }

    @Test
    void packetLossResetsTheShareOfCallsOnTheEdge() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("packet-loss", new FaultTarget("db", Optional.empty(), Optional.empty(), Optional.of("mid"), 0.5), Map.of()));
        Measured.row("packet-loss", "mid error ratio % (share 0.5, reset)", 0, 100 * ratio(r, "mid"), 100 * r.after("mid", "errors") / r.after("mid", "requests"), "30..70 %");
        assertThat(ratio(r, "mid")).isBetween(0.3, 0.7);
        assertThat(r.after("mid", "errors")).isZero();
        labelMatchesOnset(r, "mid", "errors", 1);
        offPathNormal(r);
    }

    @Test
    void bandwidthSlowsBodiesOnTheWireNotTheServer() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("bandwidth", edge("mid", "db"), Map.of("rate", "16KiB/s")));
        double before = r.before("mid", "latency_p50_ms");
        double during = r.during("mid", "latency_p50_ms");
        Measured.row("bandwidth", "mid latency_p50_ms (2 KiB response at 16 KiB/s)", before, during, r.after("mid", "latency_p50_ms"), "+>=80 ms (2 KiB / 16 KiB/s = 125 ms); db +<10 ms");
        assertThat(during - before).isGreaterThan(80);
        assertThat(r.during("db", "latency_p50_ms")).isLessThan(r.before("db", "latency_p50_ms") + 10);
        assertThat(r.after("mid", "latency_p50_ms")).isLessThan(before + 30);
        offPathNormal(r);
    }

    @Test
    void unreachableRefusesEveryCall() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("unreachable", FaultTarget.service("db"), Map.of()));
        Measured.row("unreachable", "mid error ratio % / db requests", 0, 100 * ratio(r, "mid"), 0, "> 90 %; db requests " + r.during("db", "requests"));
        assertThat(ratio(r, "mid")).isGreaterThan(0.9);
        assertThat(r.during("db", "requests")).isLessThan(1);
        assertThat(r.after("mid", "errors")).isZero();
        offPathNormal(r);
    }

    @Test
    void misconfigurationSendsCallsToAWrongPath() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("misconfiguration", edge("mid", "db"), Map.of("path", "/wrong")));
        Measured.row("misconfiguration", "mid error ratio % (404 from db)", 0, 100 * ratio(r, "mid"), 0, "> 90 %; db GET /x requests " + r.during("db", "requests"));
        assertThat(ratio(r, "mid")).isGreaterThan(0.9);
        assertThat(r.during("db", "requests")).as("the real endpoint is not called").isLessThan(1);
        assertThat(r.after("mid", "errors")).isZero();
        offPathNormal(r);
    }

    @Test
    void retryStormAmplifiesTheLoadOnTheFailingService() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("retry-storm", FaultTarget.service("db"), Map.of("retries", 3L, "failure", 0.5)));
        double before = r.before("db", "requests");
        double during = r.during("db", "requests");
        Measured.row("retry-storm", "db requests per interval (3 retries, 50 % failing; expected x1.875)", before, during, r.after("db", "requests"), ">= 1.5x");
        assertThat(during).isGreaterThan(1.5 * before);
        assertThat(r.after("db", "requests")).isLessThan(1.25 * before);
        offPathNormal(r);
    }

    @Test
    void cacheFailureMultipliesCallsToTheBackend() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("cache-failure", FaultTarget.service("mid"), Map.of("factor", 3L, "backend", "db")));
        double before = r.before("db", "requests");
        double during = r.during("db", "requests");
        Measured.row("cache-failure", "db requests per interval (factor 3)", before, during, r.after("db", "requests"), ">= 2.4x, back within 1.25x");
        assertThat(during).isGreaterThan(2.4 * before);
        assertThat(r.after("db", "requests")).isLessThan(1.25 * before);
        labelMatchesOnset(r, "db", "requests", 1.8 * before);
        offPathNormal(r);
    }
}

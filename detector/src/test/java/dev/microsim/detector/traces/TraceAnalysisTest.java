package dev.microsim.detector.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.detector.telemetry.MetricSeries;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TraceAnalysisTest {

    /** front -> mid -> db, client spans on every call, 1 s apart; the last mid -> db call fails. */
    private static SpanTable chain(int requests) {
        SpanTable.Builder spans = SpanTable.builder();
        long id = 1;
        for (int r = 0; r < requests; r++) {
            long t = r * 1_000_000L;
            long front = id++, frontCall = id++, mid = id++, midCall = id++, db = id++;
            boolean fail = r == requests - 1;
            spans.add(0, r + 1, front, 0, "front", "GET /", SpanKind.SERVER, t, 10_000, fail ? 500 : 200, fail);
            spans.add(0, r + 1, frontCall, front, "front", "GET /mid", SpanKind.CLIENT, t + 1000, 8_000, fail ? 500 : 200, fail);
            spans.add(0, r + 1, mid, frontCall, "mid", "GET /mid", SpanKind.SERVER, t + 1100, 7_800, fail ? 500 : 200, fail);
            spans.add(0, r + 1, midCall, mid, "mid", "GET /db", SpanKind.CLIENT, t + 1200, 5_000, fail ? 500 : 200, fail);
            spans.add(0, r + 1, db, midCall, "db", "GET /db", SpanKind.SERVER, t + 1300, 4_000, fail ? 500 : 200, fail);
        }
        return spans.build();
    }

    @Test
    void edgesCountCallsErrorsAndTheLatencyTheCallerSaw() {
        CallGraph graph = new TraceAnalysis(chain(4)).callGraph();
        assertThat(graph.services()).containsExactly("db", "front", "mid");
        assertThat(graph.entryServices()).containsExactly("front");
        assertThat(graph.depth("db")).isEqualTo(2);
        assertThat(graph.endpoints()).isEqualTo(Map.of("front", List.of("GET /"), "mid", List.of("GET /mid"), "db", List.of("GET /db")));
        assertThat(graph.edges()).containsExactly(
                new Edge("front", "mid", 4, 1, 8.0, 8.0, 8.0, 8.0),
                new Edge("mid", "db", 4, 1, 5.0, 5.0, 5.0, 5.0));
        assertThat(graph.edges().get(0).errorRate()).isEqualTo(0.25);
        assertThat(graph.notes()).isEmpty();
    }

    @Test
    void seriesGiveSelfTimeSoADownstreamSlowdownIsNotBlamedOnTheCaller() {
        List<MetricSeries> series = new TraceAnalysis(chain(3)).series(0, 1000, 3);
        Map<String, MetricSeries> byName = series.stream().collect(Collectors.toMap(MetricSeries::name, Function.identity()));
        assertThat(byName.get("front//trace_latency_ms").values()).containsExactly(10, 10, 10);
        assertThat(byName.get("front//trace_self_ms").values()).containsExactly(2, 2, 2);   // 10 ms minus the 8 ms call
        assertThat(byName.get("mid//trace_self_ms").values()).containsExactly(2.8, 2.8, 2.8);
        assertThat(byName.get("db//trace_self_ms").values()).containsExactly(4, 4, 4);
        assertThat(byName.get("mid/-> db/call_errors").values()).containsExactly(0, 0, 1);
        assertThat(byName.get("front/-> mid/call_latency_ms").values()).containsExactly(8, 8, 8);
    }

    @Test
    void aSpanWhoseParentIsMissingIsARootAndIsCounted() {
        SpanTable.Builder spans = SpanTable.builder();
        spans.add(0, 1, 10, 0, "front", "GET /", SpanKind.SERVER, 0, 1000, 200, false);
        spans.add(0, 1, 11, 99, "mid", "GET /mid", SpanKind.SERVER, 0, 500, 200, false); // parent 99 is not in the dump
        CallGraph graph = new TraceAnalysis(spans.build()).callGraph();
        assertThat(graph.orphanSpans()).isEqualTo(1);
        assertThat(graph.edges()).isEmpty();
        assertThat(graph.notes()).containsExactly("1 of 2 spans name a parent that is not in the dump; they were treated as roots");
    }

    @Test
    void anUnansweredCallGoesToTheServiceThatUsuallyAnswersItOrToAnUnknownNode() {
        SpanTable.Builder spans = SpanTable.builder();
        spans.add(0, 1, 1, 0, "front", "GET /", SpanKind.SERVER, 0, 1000, 200, false);
        spans.add(0, 1, 2, 1, "front", "GET /cart", SpanKind.CLIENT, 0, 900, 200, false);
        spans.add(0, 1, 3, 2, "cart", "GET /cart", SpanKind.SERVER, 0, 800, 200, false);
        spans.add(0, 2, 4, 0, "front", "GET /", SpanKind.SERVER, 0, 1000, 500, true);
        spans.add(0, 2, 5, 4, "front", "GET /cart", SpanKind.CLIENT, 0, 900, 0, true);   // cart crashed: no server span
        spans.add(0, 2, 6, 4, "front", "GET /ads", SpanKind.CLIENT, 0, 900, 0, true);    // never answered anywhere
        CallGraph graph = new TraceAnalysis(spans.build()).callGraph();
        assertThat(graph.edges()).extracting(Edge::caller, Edge::callee, Edge::calls, Edge::errors).containsExactly(
                org.assertj.core.groups.Tuple.tuple("front", "?GET /ads", 1L, 1L),
                org.assertj.core.groups.Tuple.tuple("front", "cart", 2L, 1L));
        assertThat(graph.unansweredCalls()).isEqualTo(2);
        assertThat(graph.unattributedCalls()).isEqualTo(1);
        assertThat(graph.notes()).containsExactly("2 client spans had no server span below them (failed or dropped calls); 1 were put on the edge"
                + " their operation usually takes, 1 on \"?<operation>\" nodes");
    }
}

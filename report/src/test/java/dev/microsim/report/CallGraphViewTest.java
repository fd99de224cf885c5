package dev.microsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallGraphViewTest {

    /** A chain s0 -> s1 -> ... -> s(n-1). */
    static CallGraphView chain(int n) {
        List<String> services = new ArrayList<>();
        List<CallGraphView.Edge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            services.add("s" + i);
            if (i > 0) {
                edges.add(new CallGraphView.Edge("s" + (i - 1), "s" + i, 10, 0, 1));
            }
        }
        return new CallGraphView(services, edges);
    }

    @Test
    void aSmallGraphIsDrawnWhole() {
        CallGraphView graph = chain(5);
        assertThat(graph.around(List.of("s2"), 5)).isSameAs(graph);
    }

    @Test
    void aBigGraphKeepsTheFocusAndItsNeighboursWithTheEdgesBetweenThem() {
        CallGraphView shown = chain(1000).around(List.of("s500", "s10"), 150);
        assertThat(shown.services()).containsExactly("s500", "s10", "s499", "s501", "s9", "s11");
        assertThat(shown.edges()).extracting(e -> e.caller() + ">" + e.callee())
                .containsExactlyInAnyOrder("s499>s500", "s500>s501", "s9>s10", "s10>s11");
    }

    @Test
    void theCutHoldsEvenWithManyFocusServices() {
        List<String> focus = new ArrayList<>();
        for (int i = 0; i < 400; i += 2) {
            focus.add("s" + i);
        }
        assertThat(chain(1000).around(focus, 150).services()).hasSize(150).startsWith("s0", "s2");
    }
}

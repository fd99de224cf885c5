package dev.microsim.detector.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.detector.telemetry.LogLine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTemplateCounterTest {

    @Test
    void countsEachTemplatePerServiceAndIntervalWithZerosWhereNothingWasLogged() {
        List<LogLine> lines = new ArrayList<>();
        for (int second = 0; second < 10; second++) {
            lines.add(new LogLine(second * 1000L + 10, "cart", "cart-0", "INFO", "request GET /cart served in " + second + " ms", null));
            if (second >= 6) {
                for (int k = 0; k < 3; k++) {
                    lines.add(new LogLine(second * 1000L + 20 + k, "cart", "cart-0", "ERROR", "call to db failed after " + k + " attempts", null));
                }
            }
        }
        lines.add(new LogLine(500, "front", "front-0", "INFO", "replica front-0 listening on port 8080", null));
        lines.add(new LogLine(99_000, "front", "front-0", "INFO", "replica front-0 listening on port 8081", null)); // past the grid

        List<LogTemplateSeries> series = new LogTemplateCounter(new FrequencyParser()).count(lines, 0, 1000, 10);

        assertThat(series).extracting(LogTemplateSeries::service).containsExactly("cart", "cart", "front");
        LogTemplateSeries errors = series.get(1);
        assertThat(errors.template()).isEqualTo("call to db failed after <*> attempts");
        assertThat(errors.level()).isEqualTo("ERROR");
        assertThat(errors.counts().values()).containsExactly(0, 0, 0, 0, 0, 0, 3, 3, 3, 3);
        assertThat(errors.counts().epochMillis()).startsWith(0, 1000).hasSize(10);
        assertThat(series.get(0).counts().values()).containsOnly(1.0);
        assertThat(series.get(2).counts().values()).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}

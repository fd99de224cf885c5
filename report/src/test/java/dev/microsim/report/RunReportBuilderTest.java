package dev.microsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.io.PredictionsReader;
import dev.microsim.detector.rca.RankingReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportBuilderTest {

    @TempDir
    static Path tmp;
    static Path dir;
    static ReportInputs inputs;
    static final SyntheticRun RUN = new SyntheticRun(13, Duration.ofSeconds(120), 2, 3);

    @BeforeAll
    static void writeRun() throws Exception {
        dir = tmp.resolve("run");
        RUN.write(dir);
        Dataset dataset = new MicroSimDatasetReader().read(dir);
        inputs = ReportInputs.of(dataset, RunInfo.read(dir))
                .withPredictions(new PredictionsReader().read(dir.resolve("predictions.csv"), dataset), dir.resolve("predictions.csv"), OptionalDouble.empty())
                .withRankings(new RankingReader().read(dir.resolve("ranking.json"), dataset.faults()), dir.resolve("ranking.json"));
    }

    @Test
    void rootCausesComeFirstThenWhatTheRankerBlamed() {
        RunReport report = new RunReportBuilder().build(inputs);
        String first = SyntheticRun.name(RUN.faultPlan().get(0)[0]);
        String second = SyntheticRun.name(RUN.faultPlan().get(1)[0]);
        assertThat(report.services().subList(0, 2)).extracting(ServicePanel::name).containsExactlyInAnyOrder(first, second);
        assertThat(report.services().get(0).role()).isEqualTo(ServicePanel.Role.ROOT_CAUSE);
        assertThat(report.services().get(2).role()).isEqualTo(ServicePanel.Role.RANKED);
        assertThat(report.services()).extracting(ServicePanel::name).doesNotHaveDuplicates().hasSize(RUN.services());
    }

    @Test
    void alarmsOfTheRootCauseFallInsideItsFaultWindow() {
        RunReport report = new RunReportBuilder().build(inputs);
        int[] fault = RUN.faultPlan().get(0);
        ServicePanel root = report.services().stream().filter(p -> p.name().equals(SyntheticRun.name(fault[0]))).findFirst().orElseThrow();
        long start = SyntheticRun.START.plusSeconds(fault[1]).toEpochMilli();
        long end = SyntheticRun.START.plusSeconds(fault[2]).toEpochMilli();
        assertThat(root.alarms()).isNotEmpty();
        assertThat(root.alarms()).filteredOn(a -> a.epochMillis() >= start && a.epochMillis() < end)
                .hasSizeGreaterThanOrEqualTo((fault[2] - fault[1]) * 9 / 10);
        assertThat(root.alarms().get(0).series()).allSatisfy(s -> assertThat(s).endsWith("/latency_p95_ms"));
    }

    @Test
    void theValueBudgetBoundsEverySeriesAndSaysSo() {
        RunReport full = new RunReportBuilder().build(inputs);
        assertThat(full.axis().stride()).isEqualTo(1);
        assertThat(full.axis().buckets()).isEqualTo(120);

        int budget = RUN.services() * KeySeries.values().length * RunReportBuilder.MIN_POINTS;
        RunReport small = new RunReportBuilder(budget).build(inputs);
        assertThat(small.axis().buckets()).isLessThanOrEqualTo(RunReportBuilder.MIN_POINTS);
        assertThat(small.services()).allSatisfy(p -> assertThat(p.values().values())
                .allSatisfy(v -> assertThat(v).hasSize(small.axis().buckets())));
        assertThat(small.notes()).anySatisfy(n -> assertThat(n).contains("Charts show 60 of 120 points"));
        // Downsampling keeps the fault visible: the root cause's worst p95 is the same at both resolutions.
        String root = SyntheticRun.name(RUN.faultPlan().get(0)[0]);
        assertThat(max(small, root)).isEqualTo(max(full, root));
    }

    @Test
    void rankingsAndScoresAreThoseOfTheScorer() {
        RunReport report = new RunReportBuilder().build(inputs);
        assertThat(report.rca()).isPresent();
        assertThat(report.faults()).extracting(f -> f.rank().getAsInt()).containsExactly(1, 2);
        assertThat(report.rca().get().overall().acAtK()[0]).isEqualTo(0.5);
        assertThat(report.detection().orElseThrow().series()).hasSize(RUN.services() * 2);
    }

    private static double max(RunReport report, String service) {
        double[] p95 = report.services().stream().filter(p -> p.name().equals(service)).findFirst().orElseThrow().values().get(KeySeries.P95);
        return java.util.Arrays.stream(p95).filter(Double::isFinite).max().orElseThrow();
    }
}

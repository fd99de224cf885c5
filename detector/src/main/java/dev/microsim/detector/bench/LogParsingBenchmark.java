package dev.microsim.detector.bench;

import dev.microsim.detector.logs.Drain;
import dev.microsim.detector.logs.DrainSettings;
import dev.microsim.detector.logs.FrequencyParser;
import dev.microsim.detector.logs.GroupingAccuracy;
import dev.microsim.detector.logs.LogParser;
import dev.microsim.detector.logs.MessageTokenizer;
import dev.microsim.detector.logs.RegexVariableMasker;
import dev.microsim.detector.logs.VariableMasker;
import dev.microsim.detector.logs.loghub.LoghubCorpus;
import dev.microsim.detector.logs.loghub.LoghubSystem;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Log parsing on loghub-2k, side by side in one run: per system the accuracy reference Drain
 * publishes, our Drain with the reference settings, and the frequency parser with its one setting;
 * the frequency parser's setting swept, with a split-half check (tune on 8 systems, report the
 * other 8); then throughput in lines per CPU-second of the benchmark thread (CPU time, not wall
 * time, because the machine is shared), over all 32,000 lines, repeated.
 *
 * <p>Extra arguments are MicroSim datasets: their {@code logs.jsonl} is a generalisation check nobody
 * tuned on, scored against the {@code template} field the simulator wrote (read here, by the
 * scorer; the parsers get the messages only), per service.
 *
 * <pre>java -cp ... dev.microsim.detector.bench.LogParsingBenchmark ../shared/data/loghub-2k [rounds=20] [DATASET_DIR...]</pre>
 */
public final class LogParsingBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LogParsingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/loghub-2k");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<LoghubSystem> systems = LoghubCorpus.read(dir);
        accuracyTable(systems);
        sweep(systems);
        for (int i = 2; i < args.length; i++) {
            microSimLogs(Path.of(args[i]));
        }
        throughput(systems, rounds);
        System.out.printf(Locale.ROOT, "load average %.2f (%d cores)%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    static LogParser reference(LoghubSystem system) {
        return LogParser.online(() -> new Drain(DrainSettings.of(system.depth(), system.similarityThreshold(), system.maskRegexes())));
    }

    static double accuracy(LogParser parser, LoghubSystem system) {
        return GroupingAccuracy.of(system.trueEventIds(), parser.parse(system.messages()));
    }

    private static void accuracyTable(List<LoghubSystem> systems) {
        double published = 0, drain = 0, frequency = 0;
        System.out.printf(Locale.ROOT, "%-12s %9s %9s %7s %9s%n", "system", "published", "drain", "diff", "frequency");
        for (LoghubSystem system : systems) {
            double d = accuracy(reference(system), system);
            double f = accuracy(new FrequencyParser(), system);
            published += system.publishedDrainAccuracy();
            drain += d;
            frequency += f;
            System.out.printf(Locale.ROOT, "%-12s %9.4f %9.4f %+7.4f %9.4f%n", system.name(), system.publishedDrainAccuracy(), d,
                    d - system.publishedDrainAccuracy(), f);
        }
        int n = systems.size();
        System.out.printf(Locale.ROOT, "%-12s %9.4f %9.4f %7s %9.4f%n%n", "average", published / n, drain / n, "", frequency / n);
    }

    /** Half A: the first 8 systems of drain-benchmark.json; half B: the other 8. */
    private static void sweep(List<LoghubSystem> systems) {
        int half = systems.size() / 2;
        int maxT = 8;
        double[][] byT = new double[maxT + 1][systems.size()];
        System.out.printf(Locale.ROOT, "frequency parser, maxConstantValues swept:%n%-4s %8s %8s %8s%n", "T", "all", "half A", "half B");
        for (int t = 1; t <= maxT; t++) {
            for (int s = 0; s < systems.size(); s++) {
                byT[t][s] = accuracy(new FrequencyParser(t), systems.get(s));
            }
            System.out.printf(Locale.ROOT, "%-4d %8.4f %8.4f %8.4f%s%n", t, mean(byT[t], 0, systems.size()), mean(byT[t], 0, half),
                    mean(byT[t], half, systems.size()), t == FrequencyParser.DEFAULT_MAX_CONSTANT_VALUES ? "   <- shipped default" : "");
        }
        int bestA = 1, bestB = 1;
        for (int t = 1; t <= maxT; t++) {
            bestA = mean(byT[t], 0, half) > mean(byT[bestA], 0, half) ? t : bestA;
            bestB = mean(byT[t], half, systems.size()) > mean(byT[bestB], half, systems.size()) ? t : bestB;
        }
        System.out.printf(Locale.ROOT, "split half: tuned on A -> T=%d, held-out B %.4f; tuned on B -> T=%d, held-out A %.4f%n%n",
                bestA, mean(byT[bestA], half, systems.size()), bestB, mean(byT[bestB], 0, half));
    }

    private static void microSimLogs(Path dataset) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Map<String, List<String[]>> byService = new java.util.TreeMap<>();
        for (String line : java.nio.file.Files.readAllLines(dataset.resolve("logs.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode n = json.readTree(line);
            byService.computeIfAbsent(n.path("service").asText(), k -> new java.util.ArrayList<>())
                    .add(new String[] {n.path("message").asText(), n.path("template").asText()});
        }
        long lines = 0;
        double drain = 0, frequency = 0;
        LogParser reference = LogParser.online(() -> new Drain(DrainSettings.of(4, 0.5, List.of("(\\d+\\.){3}\\d+(:\\d+)?"))));
        for (List<String[]> service : byService.values()) {
            List<String> messages = service.stream().map(m -> m[0]).toList();
            List<String> truth = service.stream().map(m -> m[1]).toList();
            drain += GroupingAccuracy.of(truth, reference.parse(messages)) * messages.size();
            frequency += GroupingAccuracy.of(truth, new FrequencyParser().parse(messages)) * messages.size();
            lines += messages.size();
        }
        System.out.printf(Locale.ROOT, "MicroSim logs %s: %d lines, %d services: drain (depth 4, 0.5, IP mask) %.4f, frequency %.4f%n%n",
                dataset.getFileName(), lines, byService.size(), drain / lines, frequency / lines);
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    /**
     * Each contender over all systems, rounds interleaved so machine load hits them alike: Drain,
     * the frequency parser, the same parser on the regex specification of its masks (the masks as
     * they were before the hand-written scanners: the before/after ratio of one run), and masking
     * alone with each.
     */
    private static void throughput(List<LoghubSystem> systems, int rounds) {
        long lines = systems.stream().mapToLong(s -> s.messages().size()).sum();
        List<Contender> contenders = List.of(
                new Contender("drain (reference settings)", () -> parseAll(systems, LogParsingBenchmark::reference)),
                new Contender("frequency parser", () -> parseAll(systems, s -> new FrequencyParser())),
                new Contender("frequency parser, regex masks", () -> parseAll(systems, s -> FrequencyParser.withRegexMasks())),
                new Contender("  masking alone, hand-written", () -> maskAll(systems, VariableMasker::new)),
                new Contender("  masking alone, regex", () -> maskAll(systems, RegexVariableMasker::new)));
        for (int warm = 0; warm < 3; warm++) {
            contenders.forEach(c -> c.work.run());
        }
        long[] nanos = new long[contenders.size()];
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < contenders.size(); c++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                contenders.get(c).work.run();
                nanos[c] += THREADS.getCurrentThreadCpuTime() - t0;
            }
        }
        System.out.printf(Locale.ROOT, "throughput over %d x %d lines (lines per CPU-second, one thread):%n", rounds, lines);
        for (int c = 0; c < contenders.size(); c++) {
            System.out.printf(Locale.ROOT, "  %-32s %,12.0f   (%.2fx drain)%n", contenders.get(c).name, lines * rounds / (nanos[c] / 1e9),
                    (double) nanos[0] / nanos[c]);
        }
        System.out.printf(Locale.ROOT, "  frequency parser, hand-written vs regex masks: %.2fx%n", (double) nanos[2] / nanos[1]);
    }

    private record Contender(String name, Runnable work) {
    }

    private static void parseAll(List<LoghubSystem> systems, java.util.function.Function<LoghubSystem, LogParser> parser) {
        for (LoghubSystem system : systems) {
            parser.apply(system).parse(system.messages());
        }
    }

    private static void maskAll(List<LoghubSystem> systems, java.util.function.Supplier<MessageTokenizer> masker) {
        for (LoghubSystem system : systems) {
            MessageTokenizer tokenizer = masker.get();
            for (String message : system.messages()) {
                tokenizer.tokens(message);
            }
        }
    }
}

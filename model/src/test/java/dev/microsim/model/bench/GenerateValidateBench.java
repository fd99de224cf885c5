package dev.microsim.model.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.microsim.model.generate.MeshGenerator;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.yaml.ParseResult;
import dev.microsim.model.yaml.ScenarioParser;
import dev.microsim.model.yaml.ScenarioWriter;
import java.util.Arrays;

/**
 * How long generate, write, parse+validate take for a large mesh, and what our parse+validate
 * costs next to reading the same YAML into a plain Jackson tree (the floor any YAML reader pays).
 * Medians over repeated runs after warm-up; the ratio is what to compare across machines.
 *
 * <pre>
 * ./mvnw -q -B -pl model test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp model/target/classes:model/target/test-classes:$(cat model/target/cp.txt) \
 *     dev.microsim.model.bench.GenerateValidateBench [services] [runs]
 * </pre>
 */
public final class GenerateValidateBench {
    public static void main(String[] args) {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        MeshGenerator generator = new MeshGenerator();
        ScenarioParser parser = new ScenarioParser();
        YAMLMapper yaml = new YAMLMapper();

        Scenario scenario = generator.generate(services, 1);
        String text = ScenarioWriter.write(scenario);
        ParseResult check = parser.parse(text, "bench.yaml");
        if (!check.ok() || !check.orThrow().equals(scenario)) throw new IllegalStateException("round trip failed: " + check.lines());

        long[] gen = new long[runs], write = new long[runs], parse = new long[runs], tree = new long[runs], total = new long[runs];
        for (int warm = 0; warm < 5; warm++) cycle(generator, parser, yaml, services, warm);
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Scenario s = generator.generate(services, i);
            long t1 = System.nanoTime();
            String y = ScenarioWriter.write(s);
            long t2 = System.nanoTime();
            ParseResult r = parser.parse(y, "bench.yaml");
            long t3 = System.nanoTime();
            JsonNode node = readTree(yaml, y);
            long t4 = System.nanoTime();
            if (!r.ok() || node.isMissingNode()) throw new IllegalStateException("invalid generated scenario: " + r.lines());
            gen[i] = t1 - t0;
            write[i] = t2 - t1;
            parse[i] = t3 - t2;
            tree[i] = t4 - t3;
            total[i] = t3 - t0;
        }
        System.out.printf("services=%d yaml=%d lines, %d KiB; median of %d runs%n", services, text.lines().count(), text.length() / 1024, runs);
        System.out.printf("  generate             %8.1f ms%n", median(gen));
        System.out.printf("  write                %8.1f ms%n", median(write));
        System.out.printf("  parse+validate       %8.1f ms%n", median(parse));
        System.out.printf("  generate+write+parse+validate %8.1f ms%n", median(total));
        System.out.printf("  jackson readTree     %8.1f ms  (baseline: YAML to a tree, no checks)%n", median(tree));
        System.out.printf("  ratio parse+validate / readTree = %.2f%n", median(parse) / median(tree));
    }

    private static void cycle(MeshGenerator g, ScenarioParser p, YAMLMapper yaml, int services, long seed) {
        String y = ScenarioWriter.write(g.generate(services, seed));
        if (!p.parse(y, "warm.yaml").ok() || readTree(yaml, y).isMissingNode()) throw new IllegalStateException("warm-up failed");
    }

    private static JsonNode readTree(YAMLMapper yaml, String text) {
        try {
            return yaml.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}

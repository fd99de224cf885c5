package dev.microsim.detector.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Before/after in one run: this build's Drain and frequency parser against an earlier build's,
 * each loaded in its own class loader, rounds interleaved (A, B, A, B, ...) so the load of a
 * shared machine falls on both alike. Lines per CPU-second of the benchmark thread on loghub-2k.
 * Only public API both builds have is called, by reflection.
 *
 * <pre>
 * git worktree add /tmp/baseline COMMIT &amp;&amp; (cd /tmp/baseline &amp;&amp; ./mvnw -B -q -ntp -pl detector compile)
 * java -cp ... dev.microsim.detector.bench.LogParsingBaselineBench /tmp/baseline/detector/target/classes ../shared/data/loghub-2k [rounds=10]
 * </pre>
 */
public final class LogParsingBaselineBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LogParsingBaselineBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LogParsingBaselineBench BASELINE_CLASSES_DIR LOGHUB_DIR [rounds]");
            System.exit(2);
        }
        Path loghub = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        ClassLoader current = LogParsingBaselineBench.class.getClassLoader();
        ClassLoader baseline = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()}, current) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                // child first for MicroSim's own classes, so the baseline's versions are the ones run
                if (name.startsWith("dev.microsim.")) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : findClass(name);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        Parsers after = new Parsers(current, loghub);
        Parsers before = new Parsers(baseline, loghub);
        long lines = after.lines();
        for (String parser : List.of("drain", "frequency")) {
            for (int warm = 0; warm < 3; warm++) {
                before.run(parser);
                after.run(parser);
            }
            long beforeNanos = 0;
            long afterNanos = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                before.run(parser);
                long t1 = THREADS.getCurrentThreadCpuTime();
                after.run(parser);
                afterNanos += THREADS.getCurrentThreadCpuTime() - t1;
                beforeNanos += t1 - t0;
            }
            System.out.printf(Locale.ROOT, "%-10s baseline %,10.0f   this build %,10.0f lines/s   (%.2fx)%n", parser,
                    lines * rounds / (beforeNanos / 1e9), lines * rounds / (afterNanos / 1e9), (double) beforeNanos / afterNanos);
        }
        System.out.printf(Locale.ROOT, "over %d rounds of %d lines; load average %.2f (%d cores)%n", rounds, lines,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    }

    /** One build's parsers on loghub-2k, through its public API. */
    private static final class Parsers {
        private final List<Object> systems;
        private final Method messages;
        private final Method depth;
        private final Method similarity;
        private final Method masks;
        private final Method drainSettings;
        private final Class<?> drain;
        private final Class<?> settings;
        private final Method online;
        private final Method parse;
        private final Class<?> frequency;

        Parsers(ClassLoader loader, Path loghub) throws Exception {
            Class<?> corpus = Class.forName("dev.microsim.detector.logs.loghub.LoghubCorpus", true, loader);
            Class<?> system = Class.forName("dev.microsim.detector.logs.loghub.LoghubSystem", true, loader);
            settings = Class.forName("dev.microsim.detector.logs.DrainSettings", true, loader);
            drain = Class.forName("dev.microsim.detector.logs.Drain", true, loader);
            frequency = Class.forName("dev.microsim.detector.logs.FrequencyParser", true, loader);
            Class<?> logParser = Class.forName("dev.microsim.detector.logs.LogParser", true, loader);
            systems = new ArrayList<>((List<?>) corpus.getMethod("read", Path.class).invoke(null, loghub));
            messages = system.getMethod("messages");
            depth = system.getMethod("depth");
            similarity = system.getMethod("similarityThreshold");
            masks = system.getMethod("maskRegexes");
            drainSettings = settings.getMethod("of", int.class, double.class, List.class);
            online = logParser.getMethod("online", Supplier.class);
            parse = logParser.getMethod("parse", List.class);
        }

        long lines() throws Exception {
            long n = 0;
            for (Object system : systems) {
                n += ((List<?>) messages.invoke(system)).size();
            }
            return n;
        }

        void run(String parser) throws Exception {
            for (Object system : systems) {
                Object instance;
                if (parser.equals("drain")) {
                    Object s = drainSettings.invoke(null, depth.invoke(system), similarity.invoke(system), masks.invoke(system));
                    Supplier<Object> miner = () -> newDrain(s);
                    instance = online.invoke(null, miner);
                } else {
                    instance = frequency.getConstructor().newInstance();
                }
                parse.invoke(instance, messages.invoke(system));
            }
        }

        private Object newDrain(Object s) {
            try {
                return drain.getConstructor(settings).newInstance(s);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("baseline Drain(DrainSettings): " + e, e);
            }
        }
    }
}

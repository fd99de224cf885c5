package dev.microsim.cli;

import dev.microsim.run.LocalRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flags of {@code microsim run} that decide the mode and how it runs, as picocli parsed them,
 * and the one check of how they combine. The check is a pure function of these values (no picocli,
 * no environment, nothing started), so each rule is unit-tested by itself; the command turns its
 * problems into one usage error (exit 2) listing them all.
 *
 * @param mode {@code --mode} as given ({@code local}, the old name of {@code live}, is read as {@code live})
 * @param load {@code --load}
 * @param given every flag given on the command line, by its long name, with its value as typed ("" for a switch)
 * @param otlp {@code --otlp}, or null
 * @param prometheusPort {@code --prometheus}, or null
 * @param queue {@code --queue}
 * @param listen {@code --listen} (its default when not given)
 */
record RunFlags(String mode, String load, Map<String, String> given, String otlp, Integer prometheusPort, int queue, String listen) {
    static final List<String> MODES = List.of("live", "fast", "pods", "kubernetes");
    /** Flags that shape a Kubernetes run only. */
    static final List<String> KUBERNETES_ONLY = List.of("--namespace", "--image", "--image-pull-policy", "--collector-image",
            "--recorder", "--memory-overhead", "--context", "--listen");

    RunFlags {
        // "live" is the public name (as suites and the docs say); "local", its name before, stays accepted.
        if ("local".equals(mode)) mode = "live";
        given = Map.copyOf(given);
    }

    /** HOST and PORT of {@code --listen}. */
    record HostPort(String host, int port) {}

    /** Every problem with these flags, one line each naming the flag and its value; empty when they go together. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        String loadProblem = LocalRun.Options.loadFlagProblem(load);
        if (loadProblem != null) problems.add(loadProblem);
        if (!MODES.contains(mode)) {
            // What else would be wrong depends on the mode: nothing more to say until it is one.
            problems.add("--mode: expected live, fast, pods or kubernetes, got \"" + mode + "\"");
            return problems;
        }
        boolean cluster = mode.equals("pods") || mode.equals("kubernetes");
        if (!mode.equals("kubernetes")) {
            for (String f : KUBERNETES_ONLY) {
                if (given.containsKey(f)) problems.add(f + " " + given.get(f) + " shapes a Kubernetes run only (--mode kubernetes), not --mode " + mode);
            }
        } else {
            if (!given.containsKey("--recorder")) {
                problems.add("--mode kubernetes needs --recorder URL: where the cluster's collector reaches this machine's receiver (--listen "
                        + listen + "), e.g. http://192.0.2.10:4318");
            }
            listen(listen, problems);
        }
        if (cluster) {
            if (otlp != null) problems.add("--mode " + mode + ": --otlp " + otlp + " is local mode's; the pods export over OTLP to the recorder");
            if (prometheusPort != null) {
                problems.add("--mode " + mode + ": --prometheus " + prometheusPort + " is local mode's; the pods export over OTLP to the recorder");
            }
            if (loadProblem == null && !load.equals("gatling")) {
                problems.add("--mode " + mode + ": the load program (microsim drive) runs Gatling; --load " + load + " is local mode's");
            }
        } else if (given.containsKey("--ready-timeout")) {
            problems.add("--ready-timeout " + given.get("--ready-timeout") + " is for --mode pods or kubernetes, not --mode " + mode);
        }
        if (given.containsKey("--warm-up") && !mode.equals("pods")) {
            problems.add("--warm-up " + given.get("--warm-up") + " is for --mode pods, not --mode " + mode
                    + " (a cluster's pods warm up with the load Job's first seconds)");
        }
        if (mode.equals("fast")) {
            if (otlp != null) problems.add("--mode fast: --otlp " + otlp + " exports live signals, and a fast run has no live time to export in");
            if (prometheusPort != null) {
                problems.add("--mode fast: --prometheus " + prometheusPort + " exports live signals, and a fast run has no live time to export in");
            }
        }
        if (queue < 1) problems.add("--queue: must be >= 1, got " + queue);
        if (prometheusPort != null && (prometheusPort < 0 || prometheusPort > 65535)) {
            problems.add("--prometheus: expected a port 0..65535, got " + prometheusPort);
        }
        return problems;
    }

    /** {@code --listen} split, for flags that {@link #problems()} found nothing wrong with (it checks the address). */
    HostPort receiver() {
        List<String> problems = new ArrayList<>();
        HostPort address = listen(listen, problems);
        if (address == null) throw new IllegalStateException("receiver() of flags with problems: " + problems);
        return address;
    }

    /** {@code --listen HOST:PORT} split; a problem naming the flag and the value goes to {@code problems}, and then null comes back. */
    static HostPort listen(String listen, List<String> problems) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            problems.add("--listen: expected HOST:PORT, got \"" + listen + "\"");
            return null;
        }
        String p = listen.substring(colon + 1);
        try {
            int port = Integer.parseInt(p);
            if (port >= 0 && port <= 65535) return new HostPort(listen.substring(0, colon), port);
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        problems.add("--listen: the port must be 0..65535, got \"" + p + "\"");
        return null;
    }
}

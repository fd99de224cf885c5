package dev.microsim.cli;

import dev.microsim.faults.schedule.Leftovers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code microsim recover --dataset DIR}: cleans up the faults a dead run left applied, from its ledger. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Recover the faults a dead run (killed, crashed) left applied.",
            "Reads the run's ledger, DIR/faults.applied.json, and closes each fault's label",
            "at the run's last heartbeat; empties the ledger, marks the manifest incomplete",
            "with the reason and removes the control API's token file, DIR/control.json.",
            "With --namespace NS (Kubernetes mode): also deletes the chaos resources",
            "MicroSim left in NS, by label.",
            "Exit 0 when clean, 1 when DIR has no ledger or the run is still alive."})
public final class RecoverCommand implements Callable<Integer> {
    @Option(names = "--dataset", paramLabel = "DIR", description = "the dataset directory of the run")
    Path dataset;

    @Option(names = "--namespace", paramLabel = "NS", description = "Kubernetes mode: delete MicroSim's leftover chaos resources in this namespace")
    String namespace;

    @Option(names = "--context", paramLabel = "NAME", description = "with --namespace: the kubeconfig context (default: the current one)")
    String context;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (dataset == null && namespace == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --dataset DIR, --namespace NS, or both");
        }
        try {
            if (namespace != null) {
                var config = io.fabric8.kubernetes.client.Config.autoConfigure(context);
                try (var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
                    var deleted = dev.microsim.kubernetes.chaos.ChaosLeftovers.deleteAll(client, namespace, null);
                    out.println("microsim recover: namespace " + namespace + ": " + (deleted.isEmpty() ? "no chaos resources left" : "deleted " + deleted));
                }
            }
            if (dataset != null) {
                Leftovers.Report report = Leftovers.recover(dataset, Clock.systemUTC());
                out.println("microsim recover: " + dataset + ": " + report.message());
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException
                 | io.fabric8.kubernetes.client.KubernetesClientException e) {
            err.println("microsim recover: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}

package dev.microsim.serve;

import dev.microsim.cli.ServeCommand;
import dev.microsim.cluster.PodExport;
import dev.microsim.cluster.PodRuntime;
import dev.microsim.runtime.MeshOptions;
import dev.microsim.telemetry.TelemetrySink;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the pod's service when Quarkus has started, on Quarkus's managed Vert.x, and stops it
 * gracefully when Quarkus stops (SIGTERM: readiness DOWN, the pod's faults removed, the service
 * port closed, the last telemetry flushed). The service is {@link PodRuntime}'s: the live runtime's
 * own behaviour, nothing of it written again here.
 */
@ApplicationScoped
public class PodLifecycle {
    @Inject
    Vertx vertx;

    private volatile PodRuntime pod;
    private volatile PodExport export;

    void start(@Observes StartupEvent event) {
        ServeArgs.Checked checked = ServeArgs.check(ServeArgs.current());
        if (checked.plan() == null) {
            throw new IllegalArgumentException("microsim serve: " + String.join("; ", checked.problems()));
        }
        ServeCommand.Plan plan = checked.plan();
        MeshOptions options = MeshOptions.defaults(plan.settings().scenario().seed(), TelemetrySink.NONE);
        PodExport exporting = plan.otlp() == null ? null : new PodExport(plan.otlp(), plan.settings().scenario().interval(), options.clock());
        if (exporting != null) options = exporting.apply(options);
        try {
            pod = PodRuntime.startOn(vertx, plan.settings(), options);
        } catch (RuntimeException e) {
            if (exporting != null) exporting.close();
            throw e;
        }
        export = exporting;
        if (plan.stopWithParent()) ServeCommand.watchStdin();
        sayReady();
    }

    /**
     * The line {@code microsim serve} prints once both ports listen (a supervisor on one machine
     * waits for it and reads the ports from it). Quarkus opens its HTTP server (the control port)
     * after the startup event, so a thread waits until that port takes a connection.
     */
    private void sayReady() {
        PodRuntime p = pod;
        int control = ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
        String controlHost = PodRuntime.bindHost(p.settings().controlPort());
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline) {
                try (java.net.Socket probe = new java.net.Socket()) {
                    probe.connect(new java.net.InetSocketAddress("127.0.0.1", control), 1000);
                    break;
                } catch (java.io.IOException notYet) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            String host = PodRuntime.bindHost(p.settings().port());
            System.out.printf("microsim serve: %s as %s ready: service http://%s:%d, control http://%s:%d (%d ms after the JVM started; Quarkus)%n",
                    p.settings().service(), p.settings().instance(), host, p.servicePort(), controlHost, control,
                    System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
            System.out.flush();
        }, "microsim-serve-ready");
        t.setDaemon(true);
        t.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Graceful stop (idempotent): what SIGTERM does. */
    public synchronized void stop() {
        PodRuntime p = pod;
        if (p == null || p.state().equals("stopping")) return;
        try {
            p.close();
        } finally {
            if (export != null) export.close();
        }
    }

    /** The running pod, or null while Quarkus starts. */
    public PodRuntime pod() {
        return pod;
    }

    /** The Vert.x the service runs on: Quarkus's own. */
    public Vertx vertx() {
        return vertx;
    }
}

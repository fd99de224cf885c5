package dev.microsim.sim;

import dev.microsim.engine.CallResult;
import dev.microsim.engine.Cancellable;
import dev.microsim.engine.Outbound;
import dev.microsim.engine.ReplicaEngine;
import dev.microsim.engine.ReplicaInterpreter;
import dev.microsim.engine.ServiceState;
import java.util.function.LongConsumer;

/**
 * One replica in virtual time: the {@link ReplicaEngine} its interpreter acts through. Timers are
 * events (exact to the nanosecond, or served as the {@link PlatformCosts} say), compute steps share the
 * replica's {@link CpuShare} ({@code resources.cpu} cores), calls are {@link SimCall}s through the
 * mesh. No thread, no socket.
 */
final class SimReplica implements ReplicaEngine {
    final SimMesh mesh;
    final CpuShare cpu;
    final ReplicaInterpreter interpreter;
    /**
     * When a message last reached this replica's event loop (a request, or an answer to one of its calls):
     * what the platform's wake-up rule asks when the replica sends one ({@link PlatformDraws#wake}). Long
     * before the start at first.
     */
    long lastReceived = Long.MIN_VALUE / 2;

    SimReplica(SimMesh mesh, ServiceState service, int index) {
        this.mesh = mesh;
        this.cpu = new CpuShare(mesh.loop, service.spec().resources().cpu().cores(), this::up);
        SimTelemetry telemetry = new SimTelemetry(service.name(), service.name() + "-" + index, mesh.sink, mesh.clock, mesh.seed,
                mesh.options.traces(), mesh.options.logs());
        this.interpreter = mesh.model.addReplica(service, index, this, telemetry);
    }

    private boolean up() {
        return interpreter != null && interpreter.up();
    }

    @Override
    public long now() {
        return mesh.loop.now();
    }

    @Override
    public long epochNanos() {
        return mesh.clock.epochNanos();
    }

    /** A wait as the platform serves it ({@link PlatformCosts}: exact, or as Vert.x timers round it, plus its lag). */
    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        return mesh.loop.after(mesh.platform.waitNanos(delayNanos), task);
    }

    @Override
    public void execute(Runnable task) {
        mesh.loop.post(0, task);
    }

    /** The step's CPU on the replica's share, then the platform's hand-off back to the request (if any): its fixed part and stretch. */
    @Override
    public void compute(long cpuNanos, LongConsumer done) {
        cpu.run(cpuNanos, used -> {
            long handoff = mesh.platform.handoff(used);
            if (handoff == 0) done.accept(used);
            else mesh.loop.post(handoff, () -> done.accept(used));
        });
    }

    /** The platform's server overhead (inside the server span), then the script; at once when there is none. */
    @Override
    public void serve(Runnable script) {
        long overhead = mesh.platform.serverOverhead();
        if (overhead == 0) script.run();
        else mesh.loop.post(overhead, script);
    }

    @Override
    public Cancellable send(Outbound call, CallResult result) {
        return mesh.send(call, result, this);
    }

    @Override
    public Cancellable burn(double cores, LongConsumer accounted) {
        return cpu.hog(cores, accounted);
    }
}

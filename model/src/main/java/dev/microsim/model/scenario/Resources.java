package dev.microsim.model.scenario;

import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.CpuCores;

/**
 * Per-replica limits. {@code concurrency} requests are served at once, {@code queue} more wait;
 * beyond that a request is rejected with 503. {@code memory} is the limit a leak runs into.
 */
public record Resources(CpuCores cpu, ByteSize memory, int concurrency, int queue) {
    public static final Resources DEFAULT = new Resources(new CpuCores(1000), ByteSize.parse("256Mi"), 64, 128);

    public Resources {
        if (cpu == null) cpu = DEFAULT.cpu();
        if (memory == null) memory = DEFAULT.memory();
        if (memory.bytes() <= 0) throw new IllegalArgumentException("memory must be > 0");
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        if (queue < 0) throw new IllegalArgumentException("queue must be >= 0, got " + queue);
    }
}

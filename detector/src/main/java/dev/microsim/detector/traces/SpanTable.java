package dev.microsim.detector.traces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spans in columns (about 60 bytes a span, so a million spans fit easily): ids as 64-bit numbers
 * (a trace id as two), service and operation names as indexes into dictionaries, times in epoch
 * microseconds. A parent id of 0 means "no parent" (a root span).
 */
public final class SpanTable {

    public static final long NO_PARENT = 0L;

    private final List<String> services;
    private final List<String> names;
    final long[] traceHigh;
    final long[] traceLow;
    final long[] spanId;
    final long[] parentId;
    final int[] service;
    final int[] name;
    final byte[] kind;
    final long[] startMicros;
    final long[] durationMicros;
    final int[] status;
    final boolean[] error;
    private final int size;

    private SpanTable(Builder b) {
        size = b.size;
        services = List.copyOf(b.serviceNames);
        names = List.copyOf(b.operationNames);
        traceHigh = Arrays.copyOf(b.traceHigh, size);
        traceLow = Arrays.copyOf(b.traceLow, size);
        spanId = Arrays.copyOf(b.spanId, size);
        parentId = Arrays.copyOf(b.parentId, size);
        service = Arrays.copyOf(b.service, size);
        name = Arrays.copyOf(b.name, size);
        kind = Arrays.copyOf(b.kind, size);
        startMicros = Arrays.copyOf(b.startMicros, size);
        durationMicros = Arrays.copyOf(b.durationMicros, size);
        status = Arrays.copyOf(b.status, size);
        error = Arrays.copyOf(b.error, size);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return size;
    }

    public List<String> services() {
        return services;
    }

    public String service(int span) {
        return services.get(service[span]);
    }

    public String name(int span) {
        return names.get(name[span]);
    }

    public SpanKind kind(int span) {
        return SpanKind.values()[kind[span]];
    }

    public long startMicros(int span) {
        return startMicros[span];
    }

    public long durationMicros(int span) {
        return durationMicros[span];
    }

    public boolean error(int span) {
        return error[span];
    }

    public int status(int span) {
        return status[span];
    }

    public boolean hasParent(int span) {
        return parentId[span] != NO_PARENT;
    }

    /** Collects spans; not thread-safe. */
    public static final class Builder {
        private final List<String> serviceNames = new ArrayList<>();
        private final Map<String, Integer> serviceIndex = new HashMap<>();
        private final List<String> operationNames = new ArrayList<>();
        private final Map<String, Integer> operationIndex = new HashMap<>();
        private long[] traceHigh = new long[1024];
        private long[] traceLow = new long[1024];
        private long[] spanId = new long[1024];
        private long[] parentId = new long[1024];
        private int[] service = new int[1024];
        private int[] name = new int[1024];
        private byte[] kind = new byte[1024];
        private long[] startMicros = new long[1024];
        private long[] durationMicros = new long[1024];
        private int[] status = new int[1024];
        private boolean[] error = new boolean[1024];
        private int size;

        public Builder add(long traceHigh, long traceLow, long spanId, long parentId, String service, String name, SpanKind kind,
                           long startMicros, long durationMicros, int status, boolean error) {
            if (size == this.spanId.length) {
                grow();
            }
            this.traceHigh[size] = traceHigh;
            this.traceLow[size] = traceLow;
            this.spanId[size] = spanId;
            this.parentId[size] = parentId;
            this.service[size] = serviceIndex.computeIfAbsent(service, s -> {
                serviceNames.add(s);
                return serviceNames.size() - 1;
            });
            this.name[size] = operationIndex.computeIfAbsent(name, s -> {
                operationNames.add(s);
                return operationNames.size() - 1;
            });
            this.kind[size] = (byte) kind.ordinal();
            this.startMicros[size] = startMicros;
            this.durationMicros[size] = durationMicros;
            this.status[size] = status;
            this.error[size] = error;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        private void grow() {
            int n = spanId.length * 2;
            traceHigh = Arrays.copyOf(traceHigh, n);
            traceLow = Arrays.copyOf(traceLow, n);
            spanId = Arrays.copyOf(spanId, n);
            parentId = Arrays.copyOf(parentId, n);
            service = Arrays.copyOf(service, n);
            name = Arrays.copyOf(name, n);
            kind = Arrays.copyOf(kind, n);
            startMicros = Arrays.copyOf(startMicros, n);
            durationMicros = Arrays.copyOf(durationMicros, n);
            status = Arrays.copyOf(status, n);
            error = Arrays.copyOf(error, n);
        }

        public SpanTable build() {
            return new SpanTable(this);
        }
    }
}

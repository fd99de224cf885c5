package dev.microsim.sim;

import dev.microsim.engine.CallError;
import dev.microsim.engine.Inbound;
import dev.microsim.engine.RequestSpan;
import dev.microsim.engine.TelemetryPort;
import dev.microsim.model.request.RequestKey;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.LogTemplates;
import dev.microsim.telemetry.SpanRecord;
import dev.microsim.telemetry.TelemetrySink;

/**
 * One replica's telemetry in virtual time, written straight to the dataset's sink: spans with ids
 * fixed by the run (a trace id from the seed and the load request's key, a server span id from the
 * request's key, client span ids numbered within their server span), so two runs of one scenario and
 * seed write the same traces. Timestamps are the virtual clock's, shifted by clock-skew faults.
 */
final class SimTelemetry implements TelemetryPort {
    private static final RequestSpan NONE = new RequestSpan() {
        public String traceId() {
            return null;
        }

        public void requestKey(long key) {}

        public void end(int status, boolean error) {}

        public void fail(int status, CallError error) {}
    };

    private final String service;
    private final String instance;
    private final TelemetrySink sink;
    private final SimClock clock;
    private final long seed;
    private final boolean traces;
    private final boolean logs;
    private long skew;

    SimTelemetry(String service, String instance, TelemetrySink sink, SimClock clock, long seed, boolean traces, boolean logs) {
        this.service = service;
        this.instance = instance;
        this.sink = sink;
        this.clock = clock;
        this.seed = seed;
        this.traces = traces;
        this.logs = logs;
    }

    @Override
    public RequestSpan serverSpan(String name, Inbound in) {
        if (!traces && !logs) return NONE;
        SimCall call = (SimCall) in;
        long key = call.out.key();
        Span parent = call.out.span() instanceof Span p ? p : null;
        long hi = parent != null ? parent.traceHi : RequestKey.mix(seed ^ key);
        long lo = parent != null ? parent.traceLo : RequestKey.mix(~seed ^ key);
        return new Span(name, SpanRecord.Kind.SERVER, hi, lo, RequestKey.mix(key ^ 0x5E7E5E7E5E7E5E7EL), parent);
    }

    @Override
    public RequestSpan clientSpan(RequestSpan parent, String name, String peerService) {
        if (!(parent instanceof Span p)) return NONE;
        return new Span(name, SpanRecord.Kind.CLIENT, p.traceHi, p.traceLo, RequestKey.mix(p.spanId + (++p.children)), p);
    }

    @Override
    public void log(LogRecord.Level level, RequestSpan request, String template, Object... args) {
        if (!logs) return;
        sink.log(new LogRecord(clock.epochNanos() + skew, service, instance, level, template, LogTemplates.render(template, args),
                request == null ? null : request.traceId()));
    }

    @Override
    public void addSkew(long nanos) {
        skew += nanos;
    }

    /** A span of this replica; written to the sink when it ends. */
    private final class Span implements RequestSpan {
        final String name;
        final SpanRecord.Kind kind;
        final long traceHi;
        final long traceLo;
        final long spanId;
        /** The parent span (null at the root): its trace id string is shared, its span id written as ours' parent. */
        final Span parent;
        final long start = clock.epochNanos();
        int children;
        private String traceId;
        private String hexId;
        private boolean ended;

        Span(String name, SpanRecord.Kind kind, long traceHi, long traceLo, long spanId, Span parent) {
            this.name = name;
            this.kind = kind;
            this.traceHi = traceHi;
            this.traceLo = traceLo;
            this.spanId = spanId;
            this.parent = parent;
        }

        /** Formatted once per trace (at its root) and once per span: the formatting is a good part of a span's cost. */
        @Override
        public String traceId() {
            if (traceId == null) traceId = parent != null ? parent.traceId() : Hex.of(traceHi, traceLo);
            return traceId;
        }

        String hexId() {
            if (hexId == null) hexId = Hex.of(spanId);
            return hexId;
        }

        @Override
        public void requestKey(long key) {}

        @Override
        public void end(int status, boolean error) {
            if (ended || !traces) return;
            ended = true;
            sink.span(new SpanRecord(traceId(), hexId(), parent == null ? null : parent.hexId(), service, instance, name, kind,
                    start + skew, clock.epochNanos() + skew, status, error));
        }

        @Override
        public void fail(int status, CallError error) {
            end(status, true);
        }
    }
}

package dev.microsim.recorder.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/** What the receiver does with each decoded export request. Called on Vert.x event loops: keep it quick, never block. */
public interface OtlpIngest {
    void traces(ExportTraceServiceRequest request);

    void metrics(ExportMetricsServiceRequest request);

    void logs(ExportLogsServiceRequest request);
}

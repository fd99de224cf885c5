package dev.microsim.run;

import dev.microsim.faults.schedule.LabelRecord;
import dev.microsim.telemetry.OtelClock;
import dev.microsim.telemetry.ReplicaTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code microsim.fault.active} (Prometheus: {@code microsim_fault_active{fault_id, fault_kind,
 * fault_target}}) for live export: per fault of the run, 1 while it is applied, 0 before it acts
 * and after it is recovered, so a dashboard can draw every fault window as an annotation. Read
 * from the fault schedule's labels at collection time (hand-injected faults appear once injected).
 * It lives in its own meter provider, {@code service.name = microsim}: the faults belong to the run,
 * not to any simulated service's telemetry (a detector reading the services' metrics never sees it,
 * and the dataset does not record it: labels.json is the ground truth).
 */
final class FaultActivityGauge implements AutoCloseable {
    static final AttributeKey<String> FAULT_ID = AttributeKey.stringKey("fault.id");
    static final AttributeKey<String> FAULT_KIND = AttributeKey.stringKey("fault.kind");
    static final AttributeKey<String> FAULT_TARGET = AttributeKey.stringKey("fault.target");
    /** The {@code service.name} of the run itself. */
    static final String SERVICE = "microsim";

    private final SdkMeterProvider provider;

    /** @param labels the run's fault labels now (empty before the schedule exists) */
    FaultActivityGauge(MetricReader reader, Clock clock, Supplier<List<LabelRecord>> labels) {
        provider = SdkMeterProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(ReplicaTelemetry.SERVICE_NAME, SERVICE))))
                .setClock(new OtelClock(clock))
                .registerMetricReader(reader)
                .build();
        provider.get("dev.microsim.run").gaugeBuilder("microsim.fault.active").ofLongs().setUnit("{fault}")
                .setDescription("1 while the fault is applied, 0 before and after (per fault of the run).")
                .buildWithCallback(m -> labels.get().forEach(l -> m.record(active(l) ? 1 : 0,
                        Attributes.of(FAULT_ID, l.id(), FAULT_KIND, l.kind(), FAULT_TARGET, l.target().service()))));
    }

    /** Applied (acknowledged) and not yet recovered. */
    static boolean active(LabelRecord label) {
        return label.actualStart().isPresent() && label.actualEnd().isEmpty();
    }

    @Override
    public void close() {
        provider.close();
    }
}

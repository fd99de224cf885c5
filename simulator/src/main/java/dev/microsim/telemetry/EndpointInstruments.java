package dev.microsim.telemetry;

import io.opentelemetry.api.common.Attributes;

/**
 * One endpoint's OTel instruments with pre-built attribute sets: a status code's attributes are
 * made on first use and cached in an array (statuses 100..599), so recording a request allocates
 * nothing and hashes a cached {@link Attributes}. Racy caching is fine: equal values.
 */
public final class EndpointInstruments {
    private final ServiceMetrics metrics;
    private final String method;
    private final String route;
    private final Attributes endpoint;
    private final Attributes[] byStatus = new Attributes[600];

    EndpointInstruments(ServiceMetrics metrics, String method, String route) {
        this.metrics = metrics;
        this.method = method;
        this.route = route;
        this.endpoint = Attributes.of(ServiceMetrics.HTTP_METHOD, method, ServiceMetrics.HTTP_ROUTE, route);
        // Counters exist at 0 from the start, as Prometheus advises: a series that appears only on its
        // first event makes rate() and dashboards show "no data" instead of 0 (rejections are rare).
        metrics.requests.add(0, endpoint);
        metrics.errors.add(0, endpoint);
        metrics.rejections.add(0, endpoint);
    }

    public void completed(long latencyNanos, int status) {
        metrics.duration.record(latencyNanos / 1e9, withStatus(status));
        metrics.requests.add(1, endpoint);
        if (status >= 500) metrics.errors.add(1, endpoint);
    }

    public void rejected() {
        metrics.rejections.add(1, endpoint);
    }

    private Attributes withStatus(int status) {
        if (status < 100 || status >= byStatus.length) return make(status);
        Attributes a = byStatus[status];
        if (a == null) byStatus[status] = a = make(status);
        return a;
    }

    private Attributes make(int status) {
        return Attributes.of(ServiceMetrics.HTTP_METHOD, method, ServiceMetrics.HTTP_ROUTE, route, ServiceMetrics.HTTP_STATUS, (long) status);
    }
}

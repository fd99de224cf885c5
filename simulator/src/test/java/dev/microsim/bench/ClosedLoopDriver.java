package dev.microsim.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** {@code concurrency} requests always in flight against the given URLs (round robin) for a fixed time; counts answers. */
final class ClosedLoopDriver {
    record Result(long ok, long failed, double seconds) {
        double rps() {
            return ok / seconds;
        }
    }

    static Result run(List<String> urls, int concurrency, long millis) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(concurrency).setKeepAlive(true).setTcpNoDelay(true));
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicLong seq = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            CountDownLatch done = new CountDownLatch(concurrency);
            long t0 = System.nanoTime();
            for (int i = 0; i < concurrency; i++) {
                Runnable[] loop = new Runnable[1];
                loop[0] = () -> {
                    if (System.nanoTime() >= end) {
                        done.countDown();
                        return;
                    }
                    String url = urls.get((int) (seq.getAndIncrement() % urls.size()));
                    client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setTimeout(10_000))
                            .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
                            .onComplete(ar -> {
                                if (ar.succeeded() && ar.result() == 200) ok.incrementAndGet();
                                else failed.incrementAndGet();
                                loop[0].run();
                            });
                };
                vertx.runOnContext(v -> loop[0].run());
            }
            done.await(millis + 30_000, TimeUnit.MILLISECONDS);
            return new Result(ok.get(), failed.get(), (System.nanoTime() - t0) / 1e9);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}

package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --otlp}: spans, metrics and logs reach a collector on 127.0.0.1 over OTLP/HTTP; other hosts are refused as a usage error. */
class RunOtlpExportTest {
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void spansMetricsAndLogsAreExportedToALoopbackCollector(@TempDir Path tmp) throws Exception {
        Vertx vertx = Vertx.vertx();
        List<String> received = new CopyOnWriteArrayList<>();
        try {
            // A stand-in collector: records each OTLP/HTTP POST (path, content type, body size) and answers 200.
            HttpServer collector = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
                received.add(req.method() + " " + req.path() + " " + req.getHeader("Content-Type") + " " + body.length());
                req.response().setStatusCode(200).end();
            }));
            int port = collector.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
            Path file = Files.writeString(tmp.resolve("tiny.yaml"), RunCommandTest.SCENARIO);
            int code = run("run", file.toString(), "--out", tmp.resolve("ds").toString(), "--duration", "2s", "--load", "builtin",
                    "--otlp", "http://127.0.0.1:" + port);
            assertThat(code).as(err.toString()).isZero();
            assertThat(received).isNotEmpty().allSatisfy(r -> assertThat(r).matches("POST /v1/(traces|metrics|logs) application/x-protobuf \\d+"));
            for (String signal : List.of("traces", "metrics", "logs")) {
                assertThat(received).as(signal).anySatisfy(r -> assertThat(r).startsWith("POST /v1/" + signal + " "));
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void aCollectorOffThisMachineIsAUsageError(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), RunCommandTest.SCENARIO);
        assertThat(run("run", file.toString(), "--out", tmp.resolve("ds").toString(), "--otlp", "http://192.0.2.10:4318")).isEqualTo(2);
        assertThat(err.toString()).contains("--otlp").contains("192.0.2.10");
        assertThat(Files.exists(tmp.resolve("ds"))).isFalse();
    }
}

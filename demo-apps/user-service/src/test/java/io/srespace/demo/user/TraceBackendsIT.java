package io.srespace.demo.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.srespace.demo.testing.Otlp;
import io.srespace.demo.testing.ServiceProcess;
import io.srespace.events.topics.Principal;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spans reach the configured trace backend: a real Zipkin server, or an OTLP/HTTP endpoint. */
@ExtendWith(KafkaBrokerExtension.class)
class TraceBackendsIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void spansReachARealZipkinServer(KafkaBroker kafka) throws Exception {
    int zipkinPort = freePort();
    ProcessBuilder zipkinServer =
        new ProcessBuilder(
                java(),
                "-Xmx256m",
                "-jar",
                Path.of("target", "zipkin", "zipkin-server.jar").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    zipkinServer.environment().put("QUERY_PORT", String.valueOf(zipkinPort));
    Process zipkin = zipkinServer.start();
    try (ServiceProcess users =
        ServiceProcess.start(
            "128m",
            withLogin(
                kafka,
                "kafka.bootstrap.servers",
                kafka.bootstrapServers(),
                "demo.traces.backend",
                "zipkin",
                "demo.traces.zipkin-endpoint",
                "http://127.0.0.1:" + zipkinPort + "/api/v2/spans",
                "demo.traces.export-delay",
                "200ms"))) {
      awaitUp("http://127.0.0.1:" + zipkinPort + "/health", 60);

      get(users.url("/users/c-5"));

      String traces =
          awaitBody(
              "http://127.0.0.1:" + zipkinPort + "/api/v2/traces?serviceName=user-service",
              body -> body.contains("/users/"),
              20);
      assertThat(traces)
          .contains("\"serviceName\":\"user-service\"")
          .contains("\"kind\":\"SERVER\"");
    } finally {
      zipkin.destroy();
      zipkin.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void spansReachAnOtlpHttpEndpointAsJaegerReceivesThem(KafkaBroker kafka) throws Exception {
    List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/v1/traces",
        exchange -> {
          received.add(Otlp.traces(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    try (ServiceProcess users =
        ServiceProcess.start(
            "128m",
            withLogin(
                kafka,
                "kafka.bootstrap.servers",
                kafka.bootstrapServers(),
                "demo.traces.backend",
                "jaeger",
                "demo.traces.otlp-endpoint",
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces",
                "demo.traces.export-delay",
                "200ms"))) {
      get(users.url("/users/c-6"));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (spansOf(received).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(spansOf(received)).isNotEmpty();
    } finally {
      collector.stop(0);
    }
  }

  private static List<Otlp.ServiceSpan> spansOf(List<ExportTraceServiceRequest> requests) {
    return requests.stream()
        .flatMap(request -> Otlp.spans(request).stream())
        .filter(span -> span.service().equals("user-service"))
        .filter(span -> span.span().getName().contains("/users/"))
        .toList();
  }

  private void get(String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private void awaitUp(String url, int seconds) throws Exception {
    awaitBody(url, body -> true, seconds);
  }

  private String awaitBody(String url, Predicate<String> ready, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        last = response.body();
        if (response.statusCode() == 200 && ready.test(last)) {
          return last;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no answer from " + url + " within " + seconds + " s; last: " + last);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The settings as pairs, with the demo services' Kafka login. */
  private static Map<String, String> withLogin(KafkaBroker kafka, String... pairs) {
    Map<String, String> settings = new HashMap<>(kafka.login(Principal.TELEMETRY));
    for (int i = 0; i < pairs.length; i += 2) {
      settings.put(pairs[i], pairs[i + 1]);
    }
    return settings;
  }
}

package io.srespace.demo.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.demo.testing.JaegerServer;
import io.srespace.demo.testing.Otlp;
import io.srespace.demo.testing.ServiceProcess;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerExtension;
import io.srespace.kafka.broker.TopicReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Spans reach the configured trace backends: Jaeger, the collector, which keeps them and writes
 * them to otlp_spans for Scout; and a real Zipkin server when one is configured.
 */
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
        users(
            kafka,
            "demo.traces.zipkin-endpoint",
            "http://127.0.0.1:" + zipkinPort + "/api/v2/spans")) {
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
  void spansReachJaegerTheCollectorWhichKeepsThemAndWritesThemToKafka(KafkaBroker kafka)
      throws Exception {
    try (JaegerServer jaeger =
            JaegerServer.collector(kafka.bootstrapServers(), kafka.login(Principal.TELEMETRY));
        ServiceProcess users =
            users(kafka, "demo.traces.otlp-endpoint", jaeger.otlpUri().toString())) {
      get(users.url("/users/c-6"));

      List<Otlp.ServiceSpan> written =
          new TopicReader(kafka)
                  .await(
                      Topics.OTLP_SPANS.name(),
                      bytes -> Otlp.spans(Otlp.traces(bytes)),
                      spans -> true,
                      batches -> !profileCalls(batches).isEmpty(),
                      Duration.ofSeconds(20))
                  .stream()
                  .flatMap(List::stream)
                  .filter(TraceBackendsIT::isProfileCall)
                  .toList();
      assertThat(written).isNotEmpty();
      String traceId = written.get(0).traceId();
      assertThat(jaeger.query("/api/traces/" + traceId))
          .contains("\"serviceName\":\"user-service\"")
          .contains("/users/c-6");
    }
  }

  private static List<Otlp.ServiceSpan> profileCalls(List<List<Otlp.ServiceSpan>> batches) {
    return batches.stream().flatMap(List::stream).filter(TraceBackendsIT::isProfileCall).toList();
  }

  private static boolean isProfileCall(Otlp.ServiceSpan span) {
    return span.service().equals("user-service")
        && span.span().getAttributesList().stream()
            .anyMatch(a -> a.getValue().getStringValue().equals("/users/c-6"));
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

  /** user-service on the broker, with its Kafka login, exporting spans to {@code destination}. */
  private static ServiceProcess users(KafkaBroker kafka, String destination, String endpoint)
      throws IOException, InterruptedException {
    Map<String, String> settings = new HashMap<>(kafka.login(Principal.TELEMETRY));
    settings.putAll(
        Map.of(
            "kafka.bootstrap.servers",
            kafka.bootstrapServers(),
            destination,
            endpoint,
            "demo.traces.export-delay",
            "200ms"));
    return ServiceProcess.start("128m", settings);
  }
}

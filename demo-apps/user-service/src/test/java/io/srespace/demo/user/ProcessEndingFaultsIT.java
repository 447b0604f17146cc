package io.srespace.demo.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.demo.testing.Otlp;
import io.srespace.demo.testing.ServiceProcess;
import io.srespace.events.ChaosEvent;
import io.srespace.events.Event;
import io.srespace.events.FaultInjected;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerExtension;
import io.srespace.kafka.broker.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The faults that end the JVM, against the packaged service running as its own process. */
@ExtendWith(KafkaBrokerExtension.class)
class ProcessEndingFaultsIT {
  private static final String TOKEN = "it-token";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void killEndsTheProcessRightAfterPublishingTheInjection(KafkaBroker kafka) throws Exception {
    try (ServiceProcess service = start(kafka, "96m")) {
      Instant before = Instant.now();

      assertThat(inject(service, "kill", null)).isEqualTo(200);

      assertThat(service.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);
      Event<ChaosEvent> injected = injectionsSince(kafka, before, "kill").get(0);
      assertThat(injected.occurredAt()).isBefore(Instant.now());
    }
  }

  @Test
  void memoryLeakGrowsTheHeapUntilTheJvmDies(KafkaBroker kafka) throws Exception {
    try (ServiceProcess service = start(kafka, "64m")) {
      Instant before = Instant.now();

      assertThat(inject(service, "memory-leak", 8.0)).isEqualTo(200);

      int exit = service.awaitExit(Duration.ofSeconds(60));
      assertThat(exit).as("exit code; output:%n%s", service.output()).isNotIn(-1, 0);
      assertThat(service.output()).contains("OutOfMemoryError");
      List<Double> heapUsed = heapReportsSince(kafka, before);
      assertThat(heapUsed).hasSizeGreaterThanOrEqualTo(3);
      assertThat(heapUsed.get(heapUsed.size() - 1)).isGreaterThan(heapUsed.get(0) + 8e6);
      assertThat(injectionsSince(kafka, before, "memory-leak")).hasSize(1);
    }
  }

  private ServiceProcess start(KafkaBroker kafka, String heap) throws Exception {
    Map<String, String> settings = new HashMap<>(kafka.login(Principal.TELEMETRY));
    settings.putAll(
        Map.of(
            "kafka.bootstrap.servers",
            kafka.bootstrapServers(),
            "demo.admin-token",
            TOKEN,
            "demo.metrics.interval",
            "1s"));
    return ServiceProcess.start(heap, settings);
  }

  private int inject(ServiceProcess service, String fault, Double intensity) throws Exception {
    String query = intensity == null ? "" : "?intensity=" + intensity;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(service.url("/admin/faults/" + fault + query)))
            .header("X-Admin-Token", TOKEN)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static List<Event<ChaosEvent>> injectionsSince(
      KafkaBroker kafka, Instant since, String fault) {
    return new TopicReader(kafka)
        .await(
            Topics.CHAOS_FAULTS.name(),
            bytes -> EventJson.read(bytes, ChaosEvent.class),
            event ->
                !event.occurredAt().isBefore(since)
                    && event.data() instanceof FaultInjected injected
                    && injected.fault().id().equals(fault),
            events -> !events.isEmpty(),
            Duration.ofSeconds(10));
  }

  /** Heap used, in bytes, from each otlp_metrics report of user-service since {@code since}. */
  private static List<Double> heapReportsSince(KafkaBroker kafka, Instant since) {
    long sinceNanos = since.toEpochMilli() * 1_000_000;
    return new TopicReader(kafka)
            .await(
                Topics.OTLP_METRICS.name(),
                Otlp::metrics,
                report ->
                    Otlp.service(report).equals("user-service") && Otlp.time(report) >= sinceNanos,
                reports -> false,
                Duration.ofSeconds(3))
            .stream()
            .map(report -> Otlp.gauge(report, "jvm.memory.used").orElseThrow())
            .toList();
  }
}

package io.srespace.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.srespace.demo.testing.JaegerServer;
import io.srespace.demo.testing.Otlp;
import io.srespace.demo.testing.ServiceProcess;
import io.srespace.events.BusinessEvent;
import io.srespace.events.Event;
import io.srespace.events.PurchaseRejected;
import io.srespace.events.QuotePurchased;
import io.srespace.events.QuoteRequested;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerExtension;
import io.srespace.kafka.broker.TopicReader;
import io.srespace.ops.chaos.Chaos;
import io.srespace.ops.chaos.FaultAdmin;
import io.srespace.ops.stack.Stack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole Cloud Insurance system as separate processes on a real broker, with Jaeger as the
 * collector of their spans: traffic flows, the business journey, spans and metrics decode as Scout
 * will read them, and cross-service faults show where they should.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DemoSystemIT {
  private static final String TOKEN = "it-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ServiceProcess users;
  private static ServiceProcess policies;
  private static ServiceProcess quotes;
  private static JaegerServer jaeger;
  private static TopicReader topics;

  @BeforeAll
  static void startTheSystem(KafkaBroker kafka) throws Exception {
    topics = new TopicReader(kafka);
    // Jaeger, the collector, writes the services' spans to otlp_spans as the stack runs it.
    jaeger = JaegerServer.collector(kafka.bootstrapServers(), kafka.login(Principal.TELEMETRY));
    Map<String, String> common = new HashMap<>(kafka.login(Principal.TELEMETRY));
    common.put("demo.traces.otlp-endpoint", jaeger.otlpUri().toString());
    common.putAll(
        Map.of(
            "kafka.bootstrap.servers",
            kafka.bootstrapServers(),
            "demo.admin-token",
            TOKEN,
            "demo.metrics.interval",
            "1s",
            "demo.traces.export-delay",
            "200ms"));
    users = ServiceProcess.start(application("user-service"), "128m", common);
    policies = ServiceProcess.start(application("policy-service"), "128m", common);
    Map<String, String> quoteSettings = new HashMap<>(common);
    quoteSettings.put("quarkus.rest-client.user-service.url", users.url(""));
    quoteSettings.put("quarkus.rest-client.policy-service.url", policies.url(""));
    quotes = ServiceProcess.start(application("quote-service"), "128m", quoteSettings);
  }

  @AfterAll
  static void stopTheSystem() throws Exception {
    for (ServiceProcess service : new ServiceProcess[] {quotes, policies, users}) {
      if (service != null) {
        service.close();
      }
    }
    if (jaeger != null) {
      jaeger.close();
    }
  }

  @AfterEach
  void clearFaults() throws Exception {
    for (ServiceProcess service : List.of(users, policies, quotes)) {
      admin(service, "DELETE", "");
    }
  }

  @Test
  void trafficFlowsAndEveryTopicDecodesAsScoutWillReadIt() {
    // Services that have just started answer slowly while their code warms up; that is speed, not
    // behaviour, so the journeys counted below start after a short warm-up.
    new TrafficGenerator(
            TrafficSettings.parse("--target", quotes.url(""), "--rate", "5", "--duration", "4"),
            new PrintStream(new ByteArrayOutputStream(), true))
        .run();
    Instant started = Instant.now();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    TrafficSettings settings =
        TrafficSettings.parse(
            "--target", quotes.url(""), "--rate", "30", "--duration", "6", "--report-every", "2");

    JourneyStats run = new TrafficGenerator(settings, new PrintStream(printed, true)).run();

    assertThat(run.quotes.sum()).isGreaterThan(60);
    assertThat(run.purchases.sum()).isPositive();
    // On a machine whose cores are busy a few journeys may still time out; most must succeed.
    assertThat(run.errors()).as(printed.toString()).isLessThan(run.quotes.sum() / 10);
    assertThat(printed.toString()).contains("RESULT ").containsPattern("errors=\\d+");

    List<Event<BusinessEvent>> journey =
        topics.await(
            Topics.BUSINESS_EVENTS.name(),
            bytes -> EventJson.read(bytes, BusinessEvent.class),
            event -> event.occurredAt().isAfter(started),
            events -> events.stream().anyMatch(e -> e.data() instanceof QuotePurchased),
            Duration.ofSeconds(10));
    assertThat(journey).anyMatch(event -> event.data() instanceof QuoteRequested);
    QuoteRequested requested =
        (QuoteRequested)
            journey.stream()
                .filter(e -> e.data() instanceof QuoteRequested)
                .findFirst()
                .orElseThrow()
                .data();
    assertThat(requested.traceId()).matches("[0-9a-f]{32}");

    Set<String> servicesInTrace = servicesInTrace(requested.traceId());
    assertThat(servicesInTrace).contains("quote-service", "user-service", "policy-service");

    ExportMetricsServiceRequest policyMetrics = latestMetrics("policy-service");
    assertThat(metricNames(policyMetrics))
        .contains(
            "jvm.memory.used",
            "jvm.memory.limit",
            "process.cpu.utilization",
            "http.server.request.count",
            "db.client.connections.usage",
            "db.client.connections.max",
            "db.client.connections.pending_requests");
  }

  @Test
  void latencyInPolicyServiceMakesItsCallersSlowToo() throws Exception {
    admin(policies, "POST", "/latency?intensity=300");

    HttpResponse<String> quote = quote("c-77");

    assertThat(quote.statusCode()).isEqualTo(201);
    List<Otlp.ServiceSpan> spans = spansOfQuoteFor("c-77");
    assertThat(spans)
        .filteredOn(
            s ->
                s.service().equals("policy-service")
                    && s.span().getKind() == SpanKind.SPAN_KIND_SERVER)
        .anyMatch(s -> s.duration().toMillis() >= 270);
    assertThat(spans)
        .filteredOn(
            s ->
                s.service().equals("quote-service")
                    && s.span().getKind() == SpanKind.SPAN_KIND_CLIENT)
        .anyMatch(s -> s.duration().toMillis() >= 270);
  }

  @Test
  void dependencyDownInUserServiceMakesQuoteServiceFail() throws Exception {
    admin(users, "POST", "/dependency-down");

    HttpResponse<String> quote = quote("c-78");

    assertThat(quote.statusCode()).isEqualTo(502);
    assertThat(quote.body()).contains("user-service answered 503");
  }

  @Test
  void conversionBreakStopsPurchasesWhileQuotesAndStatusesStayHealthy() throws Exception {
    Instant before = Instant.now();
    admin(policies, "POST", "/conversion-break");

    HttpResponse<String> quote = quote("c-79");
    String quoteId = quote.body().replaceAll(".*\"quoteId\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> purchase = post(quotes.url("/quotes/" + quoteId + "/purchase"), "");

    assertThat(quote.statusCode()).isEqualTo(201);
    assertThat(purchase.statusCode()).isEqualTo(200);
    assertThat(purchase.body()).contains("\"status\":\"REJECTED\"");
    List<Event<BusinessEvent>> rejected =
        topics.await(
            Topics.BUSINESS_EVENTS.name(),
            bytes -> EventJson.read(bytes, BusinessEvent.class),
            event -> event.occurredAt().isAfter(before) && event.data() instanceof PurchaseRejected,
            events -> !events.isEmpty(),
            Duration.ofSeconds(10));
    assertThat(rejected).isNotEmpty();
  }

  @Test
  void chaosInjectsListsAndClearsAFaultThroughTheAdminEndpointWithItsToken() throws Exception {
    Stack stack =
        new Stack(
            Path.of("..", "..").toAbsolutePath().normalize(),
            Path.of("target", "stack").toAbsolutePath(),
            0,
            Map.of("USER_SERVICE_PORT", users.port()));
    Chaos chaos = new Chaos(stack, new FaultAdmin(stack::url, TOKEN), null);

    String injected = chaos.inject("latency", "user-service", 100.0, 30L);
    String listed = chaos.list(List.of("user-service"));
    chaos.clear("latency", List.of("user-service"));
    String cleared = chaos.list(List.of("user-service"));

    assertThat(injected).contains("\"fault\":\"latency\"", "\"active\":true");
    assertThat(listed).containsPattern("latency +ON +100.0 ms, until 20");
    assertThat(cleared).containsPattern("latency +off");
    Chaos forged = new Chaos(stack, new FaultAdmin(stack::url, "not-the-token"), null);
    assertThatThrownBy(() -> forged.inject("kill", "user-service", null, null))
        .hasMessageContaining("user-service answered 401");
    assertThat(users.isAlive()).isTrue();
  }

  private static Set<String> servicesInTrace(String traceId) {
    return topics
        .await(
            Topics.OTLP_SPANS.name(),
            bytes -> Otlp.spans(Otlp.traces(bytes)),
            spans -> spans.stream().anyMatch(s -> s.traceId().equals(traceId)),
            batches ->
                batches.stream()
                        .flatMap(List::stream)
                        .filter(s -> s.traceId().equals(traceId))
                        .map(Otlp.ServiceSpan::service)
                        .distinct()
                        .count()
                    >= 3,
            Duration.ofSeconds(10))
        .stream()
        .flatMap(List::stream)
        .filter(s -> s.traceId().equals(traceId))
        .map(Otlp.ServiceSpan::service)
        .collect(Collectors.toSet());
  }

  /** The spans of the trace in which user-service served {@code customer}'s profile. */
  private static List<Otlp.ServiceSpan> spansOfQuoteFor(String customer) {
    List<Otlp.ServiceSpan> all =
        topics
            .await(
                Topics.OTLP_SPANS.name(),
                bytes -> Otlp.spans(Otlp.traces(bytes)),
                spans -> true,
                batches ->
                    spansOfTrace(batches.stream().flatMap(List::stream).toList(), customer).size()
                        >= 5,
                Duration.ofSeconds(10))
            .stream()
            .flatMap(List::stream)
            .toList();
    return spansOfTrace(all, customer);
  }

  /** Of {@code spans}, those in the trace that fetched {@code customer}'s profile. */
  private static List<Otlp.ServiceSpan> spansOfTrace(
      List<Otlp.ServiceSpan> spans, String customer) {
    String traceId = traceOf(spans, customer);
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private static String traceOf(List<Otlp.ServiceSpan> spans, String customer) {
    return spans.stream()
        .filter(s -> s.service().equals("user-service"))
        .filter(
            s ->
                s.span().getAttributesList().stream()
                    .anyMatch(a -> a.getValue().getStringValue().endsWith("/users/" + customer)))
        .map(Otlp.ServiceSpan::traceId)
        .findFirst()
        .orElse(null);
  }

  private static ExportMetricsServiceRequest latestMetrics(String service) {
    List<ExportMetricsServiceRequest> reports =
        topics.await(
            Topics.OTLP_METRICS.name(),
            Otlp::metrics,
            report -> Otlp.service(report).equals(service),
            found -> found.size() >= 2,
            Duration.ofSeconds(10));
    assertThat(reports).as("metrics reports of " + service).isNotEmpty();
    return reports.get(reports.size() - 1);
  }

  private static List<String> metricNames(ExportMetricsServiceRequest report) {
    return report.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream()
        .map(Metric::getName)
        .toList();
  }

  private static HttpResponse<String> quote(String customer) throws Exception {
    return post(
        quotes.url("/quotes"),
        "{\"customerId\":\"%s\",\"product\":\"home-basic\"}".formatted(customer));
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void admin(ServiceProcess service, String method, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(service.url("/admin/faults" + path)))
                .header("X-Admin-Token", TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static Path application(String service) {
    return Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar");
  }
}

package io.srespace.brain.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.srespace.brain.core.model.Span;
import io.srespace.demo.testing.JaegerServer;
import io.srespace.demo.testing.ServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Jaeger adapter against a real Jaeger v2 holding spans sent to it as OTLP, near now. */
class JaegerTraceStoreTest {
  private static final String QUOTE = "quote-service";
  private static final String POLICY = "policy-service";
  private static final String USER = "user-service";
  private static final int SERVER = 2;
  private static final int CLIENT = 3;
  private static final int INTERNAL = 1;

  /** Not on a millisecond, so a millisecond-wide window would take in more than asked. */
  private static final Instant START =
      Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).plusNanos(700_000);

  private static final Instant END = START.plus(2, ChronoUnit.MINUTES);

  private static final String IN_WINDOW = "5b8efff798038103d269b633813fc60c";
  private static final String AT_START = "5b8efff798038103d269b633813fc601";
  private static final String FOLLOWS = "5b8efff798038103d269b633813fc602";
  private static final String JUST_BEFORE = "5b8efff798038103d269b633813fc603";
  private static final String AT_END = "5b8efff798038103d269b633813fc604";
  private static final String USERS_ONLY = "5b8efff798038103d269b633813fc605";

  private static JaegerServer jaeger;
  private static TraceStore store;

  @BeforeAll
  static void startJaegerWithTraces() throws InterruptedException {
    jaeger = JaegerServer.start();
    store = new JaegerTraceStore(jaeger.baseUri(), Duration.ofSeconds(5));
    long start = nanos(START);
    long end = nanos(END);
    List<Map<String, Object>> spans = new ArrayList<>();
    spans.addAll(quoteCallingPolicyAndUser(IN_WINDOW, start + 30_000_000_000L));
    spans.addAll(quoteCallingPolicyAndUser(AT_START, start));
    spans.addAll(quoteCallingPolicyAndUser(JUST_BEFORE, start - 400_000));
    spans.addAll(quoteCallingPolicyAndUser(AT_END, end));
    spans.addAll(quoteWithALinkedFollower(FOLLOWS, start + 40_000_000_000L));
    spans.add(
        resource(
            USER,
            span(USERS_ONLY, "e000000000000001", null, SERVER, "GET /users", start, 900_000)));
    jaeger.post(spans);
    Stored.await(store, IN_WINDOW, AT_START, FOLLOWS, JUST_BEFORE, AT_END, USERS_ONLY);
  }

  @AfterAll
  static void stopJaeger() {
    if (jaeger != null) {
      jaeger.close();
    }
  }

  @Test
  void listsTheServicesJaegerHasSeen() {
    assertThat(store.services()).containsExactlyInAnyOrder(POLICY, QUOTE, USER);
  }

  @Test
  void returnsOnlyTracesThroughTheServiceThatStartedInTheHalfOpenWindow() {
    List<Span> spans = store.spans(QUOTE, START, END, 10);

    assertThat(spans.stream().map(Span::traceId).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(IN_WINDOW, AT_START, FOLLOWS);
  }

  @Test
  void returnsAtMostTheLimitOfTraces() {
    List<Span> spans = store.spans(QUOTE, START, END, 1);

    assertThat(spans.stream().map(Span::traceId).distinct()).hasSize(1);
  }

  @Test
  void readsParentLinksFromChildOfReferences() {
    assertThat(store.trace(IN_WINDOW).orElseThrow())
        .extracting(Span::spanId, Span::parentId, Span::service)
        .containsExactlyInAnyOrder(
            tuple("c0000000000000a1", null, QUOTE),
            tuple("c0000000000000a2", "c0000000000000a1", QUOTE),
            tuple("c0000000000000a3", "c0000000000000a2", POLICY),
            tuple("c0000000000000a4", "c0000000000000a1", QUOTE),
            tuple("c0000000000000a5", "c0000000000000a4", USER));
  }

  @Test
  void takesTheParentOfASpanWithOnlyALinkFromTheFollowsFromReference() {
    assertThat(store.trace(FOLLOWS).orElseThrow())
        .extracting(Span::spanId, Span::parentId)
        .containsExactlyInAnyOrder(
            tuple("d0000000000000d1", null), tuple("d0000000000000d2", "d0000000000000d1"));
  }

  @Test
  void convertsMicrosecondTimesToNanoseconds() {
    Span root =
        store.trace(IN_WINDOW).orElseThrow().stream()
            .filter(Span::isRoot)
            .findFirst()
            .orElseThrow();

    // Jaeger keeps microseconds: the nanoseconds sent are cut to them.
    assertThat(root.startNanos()).isEqualTo((nanos(START) + 30_000_000_000L) / 1_000 * 1_000);
    assertThat(root.durationMicros()).isEqualTo(48_210);
    assertThat(root.operation()).isEqualTo("GET /quotes/{customerId}");
  }

  @Test
  void answersEmptyForAnUnknownTraceId() {
    assertThat(store.trace("0123456789abcdef0123456789abcdef")).isEmpty();
  }

  @Test
  void buildsTheTopologyFromJaegersDependenciesWithoutAServiceCallingItself() {
    assertThat(store.dependencies(START, END).callees())
        .isEqualTo(Map.of(QUOTE, Set.of(POLICY, USER)));
  }

  @Test
  void failsWithJaegersAnswerWhenItRejectsATraceId() {
    assertThatThrownBy(() -> store.trace("not-a-trace-id"))
        .isInstanceOf(TraceStoreException.class)
        .hasMessageStartingWith(
            "jaeger at " + jaeger.baseUri() + ": GET /api/traces/not-a-trace-id answered 400: ")
        .hasMessageContaining("not-a-trace-id");
  }

  @Test
  void failsClearlyWhenJaegerIsUnreachable() throws IOException {
    URI closed = URI.create("http://127.0.0.1:" + ServerProcess.freePort());
    TraceStore unreachable = new JaegerTraceStore(closed, Duration.ofSeconds(2));

    assertThatThrownBy(unreachable::services)
        .isInstanceOf(TraceStoreException.class)
        .hasMessageStartingWith("jaeger at " + closed + ": GET /api/services failed: ")
        .hasMessageContaining("ConnectException");
  }

  @Test
  void failsClearlyWhenJaegerAnswersTooLate() throws IOException {
    // A listening socket nobody accepts from: the connection is made, no answer ever comes.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      URI base = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      TraceStore impatient = new JaegerTraceStore(base, Duration.ofMillis(300));

      assertThatThrownBy(impatient::services)
          .isInstanceOf(TraceStoreException.class)
          .hasMessageStartingWith("jaeger at " + base + ": GET /api/services failed: ")
          .hasMessageContaining("HttpTimeoutException");
    }
  }

  @Test
  void describesItselfByItsAddress() {
    assertThat(store.describe()).isEqualTo("jaeger at " + jaeger.baseUri());
  }

  /** As OpenTelemetry reports one journey: quote-service calls policy-service and user-service. */
  private static List<Map<String, Object>> quoteCallingPolicyAndUser(String traceId, long start) {
    return List.of(
        resource(
            QUOTE,
            span(
                traceId,
                "c0000000000000a1",
                null,
                SERVER,
                "GET /quotes/{customerId}",
                start,
                48_210_000),
            span(
                traceId,
                "c0000000000000a2",
                "c0000000000000a1",
                CLIENT,
                "GET",
                start + 1_250_000,
                21_400_000),
            span(
                traceId,
                "c0000000000000a4",
                "c0000000000000a1",
                CLIENT,
                "GET",
                start + 23_000_000,
                15_800_000)),
        resource(
            POLICY,
            span(
                traceId,
                "c0000000000000a3",
                "c0000000000000a2",
                SERVER,
                "GET /policies/{customerId}",
                start + 2_100_000,
                19_050_000)),
        resource(
            USER,
            span(
                traceId,
                "c0000000000000a5",
                "c0000000000000a4",
                SERVER,
                "GET /users/{id}",
                start + 23_600_000,
                14_400_000)));
  }

  /** A root and a span with no parent but a link to it: Jaeger reads the link as FOLLOWS_FROM. */
  private static List<Map<String, Object>> quoteWithALinkedFollower(String traceId, long start) {
    Map<String, Object> follower =
        span(traceId, "d0000000000000d2", null, INTERNAL, "send quote", start + 50_000_000, 1_000);
    follower.put("links", List.of(Map.of("traceId", traceId, "spanId", "d0000000000000d1")));
    return List.of(
        resource(
            QUOTE,
            span(traceId, "d0000000000000d1", null, SERVER, "GET /quotes/{id}", start, 48_210_000),
            follower));
  }

  /** One OTLP/JSON resourceSpans entry: the service's spans. */
  @SafeVarargs
  private static Map<String, Object> resource(String service, Map<String, Object>... spans) {
    return Map.of(
        "resource",
        Map.of(
            "attributes",
            List.of(Map.of("key", "service.name", "value", Map.of("stringValue", service)))),
        "scopeSpans",
        List.of(Map.of("scope", Map.of("name", "test"), "spans", List.of(spans))));
  }

  private static Map<String, Object> span(
      String traceId,
      String id,
      String parentId,
      int kind,
      String name,
      long startNanos,
      long durationNanos) {
    Map<String, Object> span = new LinkedHashMap<>();
    span.put("traceId", traceId);
    span.put("spanId", id);
    if (parentId != null) {
      span.put("parentSpanId", parentId);
    }
    span.put("name", name);
    span.put("kind", kind);
    span.put("startTimeUnixNano", String.valueOf(startNanos));
    span.put("endTimeUnixNano", String.valueOf(startNanos + durationNanos));
    return span;
  }

  private static long nanos(Instant instant) {
    return ChronoUnit.NANOS.between(Instant.EPOCH, instant);
  }
}

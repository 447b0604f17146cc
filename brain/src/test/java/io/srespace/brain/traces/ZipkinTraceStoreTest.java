package io.srespace.brain.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.srespace.brain.core.model.Span;
import io.srespace.demo.testing.ServerProcess;
import java.io.IOException;
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

/** The Zipkin adapter against a real Zipkin server holding spans posted near now. */
class ZipkinTraceStoreTest {
  private static final String QUOTE = "quote-service";
  private static final String POLICY = "policy-service";
  private static final String USER = "user-service";

  /** Not on a millisecond, so Zipkin's millisecond window is wider than the one asked for. */
  private static final Instant START =
      Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).plusNanos(700_000);

  private static final Instant END = START.plus(2, ChronoUnit.MINUTES);

  private static final String IN_WINDOW = "5b8efff798038103d269b633813fc60c";
  private static final String AT_START = "5b8efff798038103d269b633813fc601";
  private static final String SHARED_IDS = "5b8efff798038103d269b633813fc602";
  private static final String JUST_BEFORE = "5b8efff798038103d269b633813fc603";
  private static final String AT_END = "5b8efff798038103d269b633813fc604";
  private static final String USERS_ONLY = "5b8efff798038103d269b633813fc605";

  private static ZipkinServer zipkin;
  private static TraceStore store;

  @BeforeAll
  static void startZipkinWithTraces() throws InterruptedException {
    zipkin = ZipkinServer.start();
    store = new ZipkinTraceStore(zipkin.baseUri(), Duration.ofSeconds(5));
    long start = micros(START);
    long end = micros(END);
    List<Map<String, Object>> spans = new ArrayList<>();
    spans.addAll(quoteCallingPolicyAndUser(IN_WINDOW, start + 30_000_000));
    spans.addAll(quoteCallingPolicyAndUser(AT_START, start));
    spans.addAll(quoteCallingPolicyAndUser(JUST_BEFORE, start - 400));
    spans.addAll(quoteCallingPolicyAndUser(AT_END, end));
    spans.addAll(quoteCallingPolicyWithSharedSpanIds(SHARED_IDS, start + 40_000_000));
    spans.add(span(USERS_ONLY, "e000000000000001", null, "SERVER", "GET /users", USER, start, 900));
    zipkin.post(spans);
    Stored.await(store, IN_WINDOW, AT_START, SHARED_IDS, JUST_BEFORE, AT_END, USERS_ONLY);
  }

  @AfterAll
  static void stopZipkin() {
    if (zipkin != null) {
      zipkin.close();
    }
  }

  @Test
  void listsTheServicesThatReportedSpans() {
    assertThat(store.services()).containsExactlyInAnyOrder(POLICY, QUOTE, USER);
  }

  @Test
  void returnsOnlyTracesThroughTheServiceThatStartedInTheHalfOpenWindow() {
    List<Span> spans = store.spans(QUOTE, START, END, 10);

    assertThat(spans.stream().map(Span::traceId).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(IN_WINDOW, AT_START, SHARED_IDS);
  }

  @Test
  void returnsAtMostTheLimitOfTraces() {
    List<Span> spans = store.spans(QUOTE, START, END, 1);

    assertThat(spans.stream().map(Span::traceId).distinct()).hasSize(1);
  }

  @Test
  void readsParentLinksFromParentIds() {
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
  void linksTheServerHalfOfASharedSpanIdUnderItsClientHalf() {
    List<Span> trace = store.trace(SHARED_IDS).orElseThrow();

    assertThat(trace)
        .extracting(Span::spanId, Span::parentId, Span::service)
        .containsExactlyInAnyOrder(
            tuple("d0000000000000d1", null, QUOTE),
            tuple("d0000000000000d2-client", "d0000000000000d1", QUOTE),
            tuple("d0000000000000d2", "d0000000000000d2-client", POLICY),
            tuple("d0000000000000d3", "d0000000000000d2", POLICY));
    Set<String> ids = trace.stream().map(Span::spanId).collect(Collectors.toSet());
    assertThat(ids).hasSameSizeAs(trace);
    assertThat(trace).filteredOn(span -> !span.isRoot()).allMatch(s -> ids.contains(s.parentId()));
  }

  @Test
  void convertsMicrosecondTimesToNanosecondsAndKeepsZipkinsLowerCaseNames() {
    Span root =
        store.trace(IN_WINDOW).orElseThrow().stream()
            .filter(Span::isRoot)
            .findFirst()
            .orElseThrow();

    assertThat(root.startNanos()).isEqualTo((micros(START) + 30_000_000) * 1_000);
    assertThat(root.durationMicros()).isEqualTo(48_210);
    assertThat(root.operation()).isEqualTo("get /quotes/{customerid}");
  }

  @Test
  void answersEmptyForAnUnknownTraceId() {
    assertThat(store.trace("0123456789abcdef0123456789abcdef")).isEmpty();
  }

  @Test
  void buildsTheTopologyFromZipkinsDependencies() {
    assertThat(store.dependencies(START, END).callees())
        .isEqualTo(Map.of(QUOTE, Set.of(POLICY, USER), POLICY, Set.of("policy-db")));
  }

  @Test
  void failsWithZipkinsAnswerWhenItRejectsATraceId() {
    assertThatThrownBy(() -> store.trace("not-a-trace-id"))
        .isInstanceOf(TraceStoreException.class)
        .hasMessage(
            "zipkin at "
                + zipkin.baseUri()
                + ": GET /api/v2/trace/not-a-trace-id answered 400: "
                + "not-a-trace-id should be lower-hex encoded with no prefix");
  }

  @Test
  void failsClearlyWhenZipkinIsUnreachable() throws IOException {
    URI closed = URI.create("http://127.0.0.1:" + ServerProcess.freePort());
    TraceStore unreachable = new ZipkinTraceStore(closed, Duration.ofSeconds(2));

    assertThatThrownBy(() -> unreachable.spans(QUOTE, START, END, 10))
        .isInstanceOf(TraceStoreException.class)
        .hasMessageStartingWith("zipkin at " + closed + ": GET /api/v2/traces?serviceName=")
        .hasMessageContaining("failed: ConnectException");
  }

  @Test
  void describesItselfByItsAddress() {
    assertThat(store.describe()).isEqualTo("zipkin at " + zipkin.baseUri());
  }

  /** OpenTelemetry's way: every span its own id, the server span a child of the client span. */
  private static List<Map<String, Object>> quoteCallingPolicyAndUser(String traceId, long start) {
    return List.of(
        span(
            traceId,
            "c0000000000000a1",
            null,
            "SERVER",
            "GET /quotes/{customerId}",
            QUOTE,
            start,
            48_210),
        remote(
            span(
                traceId,
                "c0000000000000a2",
                "c0000000000000a1",
                "CLIENT",
                "GET",
                QUOTE,
                start + 1_250,
                21_400),
            POLICY),
        span(
            traceId,
            "c0000000000000a3",
            "c0000000000000a2",
            "SERVER",
            "GET /policies/{customerId}",
            POLICY,
            start + 2_100,
            19_050),
        remote(
            span(
                traceId,
                "c0000000000000a4",
                "c0000000000000a1",
                "CLIENT",
                "GET",
                QUOTE,
                start + 23_000,
                15_800),
            USER),
        span(
            traceId,
            "c0000000000000a5",
            "c0000000000000a4",
            "SERVER",
            "GET /users/{id}",
            USER,
            start + 23_600,
            14_400));
  }

  /** Brave's way: the client and server of one call report the same span id. */
  private static List<Map<String, Object>> quoteCallingPolicyWithSharedSpanIds(
      String traceId, long start) {
    Map<String, Object> server =
        span(
            traceId,
            "d0000000000000d2",
            "d0000000000000d1",
            "SERVER",
            "GET /policies/{id}",
            POLICY,
            start + 2_100,
            19_050);
    server.put("shared", true);
    return List.of(
        span(
            traceId,
            "d0000000000000d1",
            null,
            "SERVER",
            "GET /quotes/{customerId}",
            QUOTE,
            start,
            48_210),
        remote(
            span(
                traceId,
                "d0000000000000d2",
                "d0000000000000d1",
                "CLIENT",
                "GET",
                QUOTE,
                start + 1_250,
                21_400),
            POLICY),
        server,
        remote(
            span(
                traceId,
                "d0000000000000d3",
                "d0000000000000d2",
                "CLIENT",
                "SELECT policies",
                POLICY,
                start + 3_000,
                9_000),
            "policy-db"));
  }

  private static Map<String, Object> span(
      String traceId,
      String id,
      String parentId,
      String kind,
      String name,
      String service,
      long timestamp,
      long duration) {
    Map<String, Object> span = new LinkedHashMap<>();
    span.put("traceId", traceId);
    if (parentId != null) {
      span.put("parentId", parentId);
    }
    span.put("id", id);
    span.put("kind", kind);
    span.put("name", name);
    span.put("timestamp", timestamp);
    span.put("duration", duration);
    span.put("localEndpoint", Map.of("serviceName", service, "ipv4", "127.0.0.1"));
    span.put(
        "tags",
        Map.of("http.status_code", "200", "otel.status_code", "OK", "otel.library.name", "test"));
    return span;
  }

  private static Map<String, Object> remote(Map<String, Object> span, String service) {
    span.put("remoteEndpoint", Map.of("serviceName", service, "ipv4", "127.0.0.1"));
    return span;
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}

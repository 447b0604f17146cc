package io.srespace.brain.traces;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.srespace.brain.core.model.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jaeger adapter against recorded-format answers of Jaeger's query API. */
class JaegerTraceStoreTest {
  private static final Instant START = Instant.parse("2025-11-23T12:00:00Z");
  private static final Instant END = Instant.parse("2025-11-23T12:05:00Z");
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private static WireMockServer jaeger;
  private TraceStore store;

  @BeforeAll
  static void startJaeger() {
    jaeger =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    jaeger.start();
  }

  @AfterAll
  static void stopJaeger() {
    jaeger.stop();
  }

  @BeforeEach
  void resetJaeger() {
    jaeger.resetAll();
    store = new JaegerTraceStore(URI.create(baseUrl()), Duration.ofSeconds(2));
  }

  @Test
  void listsTheServicesJaegerHasSeen() {
    jaeger.stubFor(get("/api/services").willReturn(okJson(body("services.json"))));

    assertThat(store.services())
        .containsExactly("policy-service", "quote-service", "user-service", "jaeger-all-in-one");
  }

  @Test
  void asksForTheWindowInMicrosecondsWithTheLimit() {
    jaeger.stubFor(
        get(urlPathEqualTo("/api/traces")).willReturn(okJson(body("traces-quote-service.json"))));

    store.spans("quote-service", START, END, 20);

    jaeger.verify(
        getRequestedFor(urlPathEqualTo("/api/traces"))
            .withQueryParam("service", equalTo("quote-service"))
            .withQueryParam("start", equalTo("1763899200000000"))
            .withQueryParam("end", equalTo("1763899500000000"))
            .withQueryParam("limit", equalTo("20")));
  }

  @Test
  void keepsOnlyTracesThatStartedInTheWindow() {
    jaeger.stubFor(
        get(urlPathEqualTo("/api/traces")).willReturn(okJson(body("traces-quote-service.json"))));

    List<Span> spans = store.spans("quote-service", START, END, 20);

    assertThat(spans).extracting(Span::traceId).containsOnly(TRACE_ID);
    assertThat(spans).hasSize(6);
  }

  @Test
  void asksForMoreTracesWhenSomeOfAFullAnswerStartedBeforeTheWindow() {
    jaeger.stubFor(
        get(urlPathEqualTo("/api/traces")).willReturn(okJson(body("traces-quote-service.json"))));

    List<Span> spans = store.spans("quote-service", START, END, 2);

    assertThat(spans).extracting(Span::traceId).containsOnly(TRACE_ID);
    jaeger.verify(
        1, getRequestedFor(urlPathEqualTo("/api/traces")).withQueryParam("limit", equalTo("2")));
    jaeger.verify(
        1, getRequestedFor(urlPathEqualTo("/api/traces")).withQueryParam("limit", equalTo("3")));
  }

  @Test
  void readsParentLinksFromChildOfReferences() {
    jaeger.stubFor(
        get(urlPathEqualTo("/api/traces")).willReturn(okJson(body("traces-quote-service.json"))));

    assertThat(store.spans("quote-service", START, END, 20))
        .extracting(Span::spanId, Span::parentId, Span::service, Span::operation)
        .contains(
            tuple("00f067aa0ba902b7", null, "quote-service", "GET /quotes/{customerId}"),
            tuple("a2fb4a1d1a96d312", "00f067aa0ba902b7", "quote-service", "GET"),
            tuple(
                "7d3f5e2c9b8a1f04",
                "a2fb4a1d1a96d312",
                "policy-service",
                "GET /policies/{customerId}"),
            tuple("c1e2d3f4a5b60718", "00f067aa0ba902b7", "quote-service", "GET"),
            tuple("5e6f7a8b9c0d1e2f", "c1e2d3f4a5b60718", "user-service", "GET /users/{id}"));
  }

  @Test
  void takesTheParentFromAFollowsFromReferenceWhenThereIsNoChildOf() {
    jaeger.stubFor(get("/api/traces/" + TRACE_ID).willReturn(okJson(body("trace.json"))));

    assertThat(store.trace(TRACE_ID).orElseThrow())
        .filteredOn(span -> span.spanId().equals("9b0c1d2e3f405162"))
        .extracting(Span::parentId, Span::service)
        .containsExactly(tuple("7d3f5e2c9b8a1f04", "policy-service"));
  }

  @Test
  void convertsMicrosecondTimesToNanoseconds() {
    jaeger.stubFor(get("/api/traces/" + TRACE_ID).willReturn(okJson(body("trace.json"))));

    Span root = store.trace(TRACE_ID).orElseThrow().get(0);

    assertThat(root.startNanos()).isEqualTo(1_763_899_261_437_512_000L);
    assertThat(root.endNanos()).isEqualTo(1_763_899_261_485_722_000L);
    assertThat(root.durationMicros()).isEqualTo(48_210);
  }

  @Test
  void readsOneTraceById() {
    jaeger.stubFor(get("/api/traces/" + TRACE_ID).willReturn(okJson(body("trace.json"))));

    assertThat(store.trace(TRACE_ID).orElseThrow())
        .hasSize(6)
        .extracting(Span::traceId)
        .containsOnly(TRACE_ID);
  }

  @Test
  void answersEmptyForAnUnknownTraceId() {
    jaeger.stubFor(
        get("/api/traces/1234567890abcdef1234567890abcdef")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body("trace-not-found.json"))));

    assertThat(store.trace("1234567890abcdef1234567890abcdef")).isEmpty();
  }

  @Test
  void buildsTheTopologyFromDependenciesOfTheWindowInMilliseconds() {
    jaeger.stubFor(
        get(urlPathEqualTo("/api/dependencies")).willReturn(okJson(body("dependencies.json"))));

    assertThat(store.dependencies(START, END).callees())
        .isEqualTo(Map.of("quote-service", Set.of("policy-service", "user-service")));
    jaeger.verify(
        getRequestedFor(urlPathEqualTo("/api/dependencies"))
            .withQueryParam("endTs", equalTo("1763899500000"))
            .withQueryParam("lookback", equalTo("300000")));
  }

  @Test
  void failsWithJaegersAnswerWhenItAnswers500() {
    jaeger.stubFor(
        get(urlPathEqualTo("/api/traces"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body("search-failed.json"))));

    assertThatThrownBy(() -> store.spans("quote-service", START, END, 20))
        .isInstanceOf(TraceStoreException.class)
        .hasMessageStartingWith(
            "jaeger at " + baseUrl() + ": GET /api/traces?service=quote-service&start=")
        .hasMessageContaining("answered 500: {\"data\":null,")
        .hasMessageContaining("connection refused");
  }

  @Test
  void failsClearlyWhenJaegerIsUnreachable() throws IOException {
    URI closed = URI.create("http://127.0.0.1:" + freePort());
    TraceStore unreachable = new JaegerTraceStore(closed, Duration.ofSeconds(2));

    assertThatThrownBy(unreachable::services)
        .isInstanceOf(TraceStoreException.class)
        .hasMessageStartingWith("jaeger at " + closed + ": GET /api/services failed: ")
        .hasMessageContaining("ConnectException");
  }

  @Test
  void failsClearlyWhenJaegerAnswersTooLate() {
    jaeger.stubFor(
        get("/api/services").willReturn(okJson(body("services.json")).withFixedDelay(2_000)));
    TraceStore impatient = new JaegerTraceStore(URI.create(baseUrl()), Duration.ofMillis(200));

    assertThatThrownBy(impatient::services)
        .isInstanceOf(TraceStoreException.class)
        .hasMessageStartingWith("jaeger at " + baseUrl() + ": GET /api/services failed: ")
        .hasMessageContaining("HttpTimeoutException");
  }

  @Test
  void describesItselfByItsAddress() {
    assertThat(store.describe()).isEqualTo("jaeger at " + baseUrl());
  }

  private static String baseUrl() {
    return "http://127.0.0.1:" + jaeger.port();
  }

  private static String body(String name) {
    try (InputStream in = JaegerTraceStoreTest.class.getResourceAsStream("/jaeger/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource jaeger/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Memory's similar-incident API answered in its documented format by a local HTTP server. */
class MemoryApiTest {
  private HttpServer server;
  private final AtomicReference<String> query = new AtomicReference<>();
  private volatile int status = 200;
  private final java.util.concurrent.atomic.AtomicReference<String> authorization =
      new java.util.concurrent.atomic.AtomicReference<>();
  private volatile String body =
      """
      [{"incidentId":"INC-7","distance":0.01,"title":"policy-service unavailable","service":"policy-service",
        "faultClass":"unavailable","action":"restart","outcome":"verified","issue":"#4","change":null,
        "rootCause":"down","resolvedAt":"2026-01-01T00:00:00Z"},
       {"incidentId":"INC-3","distance":0.2}]
      """;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/memory/similar",
        exchange -> {
          query.set(exchange.getRequestURI().getRawQuery());
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private MemoryApi api() {
    return new MemoryApi(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "m3mory-key");
  }

  @Test
  void readsTheIncidentIdsOfTheNearestPostmortems() throws Exception {
    api().similarIncidentIds("policy-service down & out", 50);
    assertThat(authorization.get())
        .isEqualTo(io.srespace.events.recall.ApiKey.authorization("m3mory-key"));
    assertThat(api().similarIncidentIds("policy-service down & out", 50))
        .containsExactly("INC-7", "INC-3");
    assertThat(query.get()).isEqualTo("text=policy-service%20down%20%26%20out&k=50");
  }

  @Test
  void anErrorAnswerIsAnErrorNamingMemory() {
    status = 503;
    body = "{\"message\":\"Chroma is not answering\"}";

    assertThatThrownBy(() -> api().similarIncidentIds("x", 5))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("answered 503")
        .hasMessageContaining("Chroma is not answering");
  }
}

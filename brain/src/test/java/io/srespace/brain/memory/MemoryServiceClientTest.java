package io.srespace.brain.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.srespace.events.recall.ApiKey;
import io.srespace.events.recall.SimilarIncident;
import io.srespace.events.recall.SimilarIncidentTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Brain's side of Memory's recall contract: the golden answer, served over real HTTP. */
class MemoryServiceClientTest {
  private final AtomicReference<String> body = new AtomicReference<>();
  private final AtomicReference<String> asked = new AtomicReference<>();
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private HttpServer memory;

  @BeforeEach
  void serve() throws IOException {
    memory = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    memory.createContext(
        "/api/v1/memory/similar",
        exchange -> {
          asked.set(exchange.getRequestURI().getRawQuery());
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    memory.start();
  }

  @AfterEach
  void stop() {
    memory.stop(0);
  }

  private MemoryServiceClient client() {
    return new MemoryServiceClient(
        URI.create("http://127.0.0.1:" + memory.getAddress().getPort()),
        Duration.ofSeconds(2),
        Optional.of("m3mory-key"));
  }

  @Test
  void readsTheGoldenRecallAnswerAsMemoryWritesIt() throws IOException {
    body.set(SimilarIncidentTest.golden());

    var similar = client().similar("pool runs dry", 2);

    assertThat(authorization.get()).isEqualTo(ApiKey.authorization("m3mory-key"));

    assertThat(similar).isEqualTo(SimilarIncident.listFrom(SimilarIncidentTest.golden()));
    assertThat(similar.get(0).verified()).isTrue();
    assertThat(asked.get()).contains("k=2").contains("text=pool+runs+dry");
  }

  @Test
  void anAnswerThatIsNotTheContractIsMemoryUnavailable() {
    body.set("{\"oops\": true}");

    assertThatThrownBy(() -> client().similar("x", 1))
        .isInstanceOf(MemoryUnavailableException.class);
  }
}

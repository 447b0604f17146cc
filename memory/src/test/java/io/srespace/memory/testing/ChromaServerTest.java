package io.srespace.memory.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChromaServerTest {
  @Test
  void startsOnAFreeLoopbackPortAnswersItsHeartbeatAndStopsOnClose() throws Exception {
    ChromaServer server = ChromaServer.start();
    Path data = server.dataDirectory();
    try (server) {
      assertThat(server.baseUri().getHost()).isEqualTo("127.0.0.1");
      HttpResponse<String> heartbeat =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(server.baseUri().resolve("/api/v2/heartbeat")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(heartbeat.statusCode()).isEqualTo(200);
      assertThat(heartbeat.body()).contains("nanosecond heartbeat");
      assertThat(server.residentBytes()).isPositive();
    }
    assertThat(server.isAlive()).isFalse();
    assertThat(data).doesNotExist();
  }

  @Test
  void aMissingChromaIsAnErrorThatSaysHowToInstallIt() {
    assertThatThrownBy(() -> ChromaServer.command("/nowhere/node_modules/.bin/chroma"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Chroma is not installed: /nowhere/node_modules/.bin/chroma")
        .hasMessageContaining("./sre-space chroma")
        .hasMessageContaining("Node.js 20");
  }

  @Test
  void theTestsRunTheChromaThatSreSpaceInstalls() {
    assertThat(ChromaServer.command()).exists();
    assertThat(Files.isRegularFile(ChromaServer.command())).isTrue();
  }
}

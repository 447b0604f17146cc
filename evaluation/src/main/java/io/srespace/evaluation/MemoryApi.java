package io.srespace.evaluation;

import io.srespace.events.recall.ApiKey;
import io.srespace.events.recall.SimilarIncident;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Memory's {@code GET /api/v1/memory/similar?text=…&k=…} over HTTP. */
final class MemoryApi implements Recall {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private final String authorization;

  /**
   * @param apiKey Memory's API key
   */
  MemoryApi(URI base, String apiKey) {
    this.base = base;
    this.authorization = ApiKey.authorization(apiKey);
  }

  @Override
  public List<String> similarIncidentIds(String text, int k) throws IOException {
    URI uri =
        URI.create(
            "%s/api/v1/memory/similar?text=%s&k=%d"
                .formatted(
                    base, URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"), k));
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(TIMEOUT)
                  .header("Authorization", authorization)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking Memory at " + base, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "Memory at %s answered %d: %s".formatted(base, response.statusCode(), response.body()));
    }
    return SimilarIncident.listFrom(response.body()).stream()
        .map(SimilarIncident::incidentId)
        .toList();
  }
}

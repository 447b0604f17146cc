package io.srespace.brain.memory;

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
import java.util.Optional;

/** Asks the Memory service's {@code /api/v1/memory/similar} over HTTP, within a time limit. */
public final class MemoryServiceClient implements PastIncidents {
  private final URI base;
  private final Duration timeout;
  private final HttpClient http;
  private final Optional<String> authorization;

  /**
   * @param apiKey Memory's API key, sent with every request when given
   */
  public MemoryServiceClient(URI base, Duration timeout, Optional<String> apiKey) {
    this.base = base;
    this.timeout = timeout;
    this.authorization = apiKey.filter(key -> !key.isBlank()).map(ApiKey::authorization);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  @Override
  public List<SimilarIncident> similar(String text, int k) {
    URI uri =
        base.resolve(
            "/api/v1/memory/similar?k=%d&text=%s"
                .formatted(k, URLEncoder.encode(text, StandardCharsets.UTF_8)));
    try {
      HttpResponse<String> response = http.send(request(uri), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new MemoryUnavailableException(
            "%s answered %d: %s"
                .formatted(describe(), response.statusCode(), abbreviate(response.body())),
            null);
      }
      return SimilarIncident.listFrom(response.body());
    } catch (IOException e) {
      throw new MemoryUnavailableException(describe() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MemoryUnavailableException(describe() + ": interrupted", e);
    }
  }

  private HttpRequest request(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    authorization.ifPresent(value -> request.header("Authorization", value));
    return request.build();
  }

  @Override
  public String describe() {
    return "memory at " + base;
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }
}

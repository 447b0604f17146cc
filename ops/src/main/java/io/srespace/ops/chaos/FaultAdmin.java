package io.srespace.ops.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;

/**
 * The demo services' fault admin endpoint ({@code /admin/faults}, guarded by {@code
 * X-Admin-Token}): list a service's faults, switch one on, switch one or all off.
 */
public final class FaultAdmin {
  private final Function<String, URI> urls;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** {@code urls}: each service's base URL. */
  public FaultAdmin(Function<String, URI> urls, String token) {
    this.urls = urls;
    this.token = token;
  }

  public URI url(String service) {
    return urls.apply(service);
  }

  /** The listing as the service answers it (a JSON array of fault states). */
  public String list(String service) throws IOException {
    return call("GET", service, "");
  }

  /** Turns {@code fault} on; intensity and duration are the service's defaults when null. */
  public String inject(String service, String fault, Double intensity, Long durationSeconds)
      throws IOException {
    StringBuilder query = new StringBuilder();
    if (intensity != null) {
      query.append("&intensity=").append(intensity);
    }
    if (durationSeconds != null) {
      query.append("&duration=").append(durationSeconds);
    }
    return call("POST", service, "/" + fault + (query.isEmpty() ? "" : "?" + query.substring(1)));
  }

  /** Turns {@code fault} off, or every fault when it is null. */
  public String clear(String service, String fault) throws IOException {
    return call("DELETE", service, fault == null ? "" : "/" + fault);
  }

  private String call(String method, String service, String path) throws IOException {
    URI url = URI.create(urls.apply(service) + "/admin/faults" + path);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("X-Admin-Token", token)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException("%s is not answering at %s: %s".formatted(service, url, e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + url, e);
    }
    if (response.statusCode() >= 300) {
      throw new IOException(
          "%s answered %d to %s %s: %s"
              .formatted(service, response.statusCode(), method, url.getPath(), response.body()));
    }
    return response.body();
  }
}

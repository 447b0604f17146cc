package io.srespace.fixer.verify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a service's health URL directly: the other half of Fixer's proof of recovery. */
public final class HealthProbe {
  private final HttpClient http;
  private final Duration timeout;

  public HealthProbe(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  /** "GET url → 200", or what went wrong; {@code healthy} only for a 2xx answer. */
  public Result check(URI url) {
    try {
      int status =
          http.send(
                  HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      return new Result(status / 100 == 2, "GET %s → %d".formatted(url, status));
    } catch (IOException e) {
      return new Result(false, "GET %s failed: %s".formatted(url, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "GET %s interrupted".formatted(url));
    }
  }

  /** One probe's answer. */
  public record Result(boolean healthy, String detail) {}
}

package io.srespace.brain.traces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** GETs JSON from a trace backend, turning every failure into an error that names the request. */
final class JsonHttp {
  private static final int BODY_START = 300;

  private final String backend;
  private final URI base;
  private final String root;
  private final Duration timeout;
  private final HttpClient client;
  private final ObjectMapper mapper =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  JsonHttp(String backend, URI base, Duration timeout) {
    this.backend = backend;
    this.base = Objects.requireNonNull(base, "base URI");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.root = base.toString().replaceAll("/+$", "");
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  String describe() {
    return backend + " at " + base;
  }

  <T> T get(String pathAndQuery, TypeReference<T> type) {
    return fetch(pathAndQuery, type, false).orElseThrow();
  }

  /** Like {@link #get}, but empty when the backend answers 404. */
  <T> Optional<T> getUnlessNotFound(String pathAndQuery, TypeReference<T> type) {
    return fetch(pathAndQuery, type, true);
  }

  TraceStoreException error(String pathAndQuery, String problem) {
    return new TraceStoreException(describe() + ": GET " + pathAndQuery + " " + problem);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private <T> Optional<T> fetch(String pathAndQuery, TypeReference<T> type, boolean notFound) {
    HttpResponse<String> response = send(pathAndQuery);
    int status = response.statusCode();
    if (notFound && status == 404) {
      return Optional.empty();
    }
    if (status < 200 || status > 299) {
      throw error(pathAndQuery, "answered " + status + ": " + start(compact(response.body())));
    }
    try {
      return Optional.of(mapper.readValue(response.body(), type));
    } catch (JsonProcessingException e) {
      throw new TraceStoreException(
          describe()
              + ": GET "
              + pathAndQuery
              + " answered JSON it cannot read ("
              + e.getOriginalMessage()
              + "): "
              + start(response.body()),
          e);
    }
  }

  private HttpResponse<String> send(String pathAndQuery) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(root + pathAndQuery))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TraceStoreException(
          describe() + ": GET " + pathAndQuery + " failed: " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TraceStoreException(describe() + ": GET " + pathAndQuery + " interrupted", e);
    }
  }

  private static String reason(IOException e) {
    String name = e.getClass().getSimpleName();
    String message = e.getMessage();
    if (message == null && e.getCause() != null) {
      message = e.getCause().getMessage();
    }
    return message == null || message.isBlank() ? name : name + " (" + message + ")";
  }

  private String compact(String body) {
    try {
      return mapper.readTree(body).toString();
    } catch (JsonProcessingException | IllegalArgumentException notJson) {
      return body;
    }
  }

  private static String start(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() <= BODY_START ? flat : flat.substring(0, BODY_START) + "…";
  }
}

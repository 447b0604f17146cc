package io.srespace.board.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * The GitHub client's requests through Java's HTTP client, each with a deadline: connecting and the
 * whole answer must come within {@code timeout}, so an agent is never held by a GitHub that does
 * not answer. (The library's own Java 11 connector sets no deadline per request.)
 */
final class TimedConnector implements GitHubConnector {
  /** Headers Java's client sets itself and refuses from a caller. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client;
  private final Duration timeout;

  TimedConnector(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(request.url().toURI()).timeout(timeout);
    } catch (URISyntaxException e) {
      throw new IOException("not a URL GitHub serves: " + request.url(), e);
    }
    for (Map.Entry<String, java.util.List<String>> header : request.allHeaders().entrySet()) {
      if (header.getKey() == null || RESTRICTED.contains(header.getKey().toLowerCase())) {
        continue;
      }
      for (String value : header.getValue()) {
        builder.header(header.getKey(), value);
      }
    }
    builder.method(
        request.method(),
        request.hasBody()
            ? HttpRequest.BodyPublishers.ofInputStream(request::body)
            : HttpRequest.BodyPublishers.noBody());
    HttpResponse<byte[]> response;
    try {
      response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new IOException(
          "GitHub did not answer %s %s within %d s"
              .formatted(request.method(), request.url().getPath(), timeout.toSeconds()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for GitHub", e);
    }
    byte[] body = response.body();
    return new GitHubConnectorResponse.ByteArrayResponse(
        request, response.statusCode(), response.headers().map()) {
      @Override
      protected InputStream rawBodyStream() {
        return new ByteArrayInputStream(body == null ? new byte[0] : body);
      }
    };
  }
}

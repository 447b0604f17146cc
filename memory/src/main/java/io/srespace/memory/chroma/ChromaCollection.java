package io.srespace.memory.chroma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One collection of a Chroma server (API v2): the langchain4j store over it, made on first use so
 * that a server that is down at start-up is tried again, and what langchain4j does not offer
 * (heartbeat, count). langchain4j creates the collection with cosine distance.
 */
public final class ChromaCollection {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final URI base;
  private final String tenant;
  private final String database;
  private final String name;
  private final Duration timeout;
  private final HttpClient http;
  private volatile ChromaEmbeddingStore store;

  public ChromaCollection(URI url, String tenant, String database, String name, Duration timeout) {
    this.url = URI.create(url.toString().replaceAll("/+$", ""));
    this.base = URI.create(this.url + "/");
    this.tenant = tenant;
    this.database = database;
    this.name = name;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  public URI url() {
    return url;
  }

  public String name() {
    return name;
  }

  /** The store over this collection, creating the tenant, database and collection if missing. */
  public ChromaEmbeddingStore store() {
    ChromaEmbeddingStore current = store;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (store == null) {
        try {
          store =
              ChromaEmbeddingStore.builder()
                  .apiVersion(ChromaApiVersion.V2)
                  .baseUrl(base.toString())
                  .tenantName(tenant)
                  .databaseName(database)
                  .collectionName(name)
                  .timeout(timeout)
                  .build();
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "cannot open collection %s on Chroma at %s: %s".formatted(name, url, e.getMessage()),
              e);
        }
      }
      return store;
    }
  }

  /** Chroma's heartbeat, in nanoseconds of its clock; throws when it does not answer. */
  public long heartbeat() {
    return get("api/v2/heartbeat").path("nanosecond heartbeat").asLong();
  }

  /** How many entries the collection holds; 0 when it does not exist yet. */
  public long count() {
    String database =
        "api/v2/tenants/%s/databases/%s/collections/".formatted(tenant, this.database);
    JsonNode collection = getOrNull(database + name);
    if (collection == null) {
      return 0;
    }
    return get(database + collection.path("id").asText() + "/count").asLong();
  }

  private JsonNode get(String path) {
    JsonNode body = getOrNull(path);
    if (body == null) {
      throw new IllegalStateException("Chroma at %s has no %s".formatted(url, path));
    }
    return body;
  }

  private JsonNode getOrNull(String path) {
    URI uri = base.resolve(path);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        return null;
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Chroma answered %d to GET %s: %s"
                .formatted(response.statusCode(), uri, response.body()));
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("Chroma at %s is unreachable: %s".formatted(url, e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking Chroma at " + url, e);
    }
  }
}

package io.srespace.memory.chroma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.srespace.memory.testing.ChromaServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter against a real Chroma server: what langchain4j creates and what Chroma answers. */
class ChromaCollectionTest {
  private static ChromaServer server;

  @BeforeAll
  static void startChroma() {
    server = ChromaServer.start();
  }

  @AfterAll
  static void stopChroma() {
    server.close();
  }

  @Test
  void countsNothingBeforeTheCollectionExists() {
    assertThat(collection("not-created-yet").count()).isZero();
  }

  @Test
  void createsTheCollectionWithCosineDistance() throws Exception {
    collection("cosine-check").store();

    JsonNode created =
        new ObjectMapper()
            .readTree(
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(
                                server
                                    .baseUri()
                                    .resolve(
                                        "/api/v2/tenants/default_tenant/databases/default_database"
                                            + "/collections/cosine-check"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
    assertThat(created.path("configuration_json").path("hnsw").path("space").asText())
        .isEqualTo("cosine");
  }

  @Test
  void anEntryAddedAgainUnderTheSameIdIsIgnoredByChroma() {
    ChromaCollection collection = collection("duplicates");
    TextSegment first = TextSegment.from("first");
    collection.store().addAll(List.of("a"), List.of(vector(1, 0, 0)), List.of(first));
    collection
        .store()
        .addAll(List.of("a"), List.of(vector(0, 1, 0)), List.of(TextSegment.from("second")));

    List<EmbeddingMatch<TextSegment>> matches = search(collection, vector(1, 0, 0), 5);

    assertThat(collection.count()).isEqualTo(1);
    assertThat(matches).singleElement().satisfies(m -> assertThat(m.embedded()).isEqualTo(first));
  }

  @Test
  void aScoreTurnsBackIntoChromasCosineDistance() {
    ChromaCollection collection = collection("distances");
    collection
        .store()
        .addAll(
            List.of("same", "diagonal", "orthogonal"),
            List.of(vector(1, 0, 0), vector(1, 1, 0), vector(0, 0, 1)),
            List.of(TextSegment.from("same"), TextSegment.from("diagonal"), TextSegment.from("o")));

    List<EmbeddingMatch<TextSegment>> matches = search(collection, vector(1, 0, 0), 3);

    assertThat(matches)
        .extracting(EmbeddingMatch::embeddingId)
        .containsExactly("same", "diagonal", "orthogonal");
    assertThat(2 * (1 - matches.get(0).score())).isCloseTo(0, within(1e-6));
    assertThat(2 * (1 - matches.get(1).score())).isCloseTo(1 - Math.sqrt(0.5), within(1e-6));
    assertThat(2 * (1 - matches.get(2).score())).isCloseTo(1, within(1e-6));
  }

  @Test
  void anUnreachableChromaIsAnErrorNamingItsUrl() {
    ChromaCollection nowhere =
        new ChromaCollection(
            URI.create("http://127.0.0.1:9"),
            "default_tenant",
            "default_database",
            "postmortems",
            Duration.ofSeconds(1));

    assertThatThrownBy(nowhere::heartbeat).hasMessageContaining("http://127.0.0.1:9");
    assertThatThrownBy(nowhere::store)
        .hasMessageStartingWith(
            "cannot open collection postmortems on Chroma at http://127.0.0.1:9");
  }

  private static ChromaCollection collection(String name) {
    return new ChromaCollection(
        server.baseUri(), "default_tenant", "default_database", name, Duration.ofSeconds(5));
  }

  private static List<EmbeddingMatch<TextSegment>> search(
      ChromaCollection collection, Embedding query, int k) {
    return collection
        .store()
        .search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(k).build())
        .matches();
  }

  private static Embedding vector(float... values) {
    return Embedding.from(values);
  }
}

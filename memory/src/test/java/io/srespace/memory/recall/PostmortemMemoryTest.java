package io.srespace.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.recall.SimilarIncident;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PostmortemMemoryTest {
  /** Texts by their first line: the title, or the query itself. */
  private static final Map<String, float[]> VECTORS =
      Map.of(
          "heap", new float[] {1, 0, 0},
          "purchases", new float[] {1, 1, 0},
          "slow", new float[] {0, 0, 1},
          "heap query", new float[] {1, 0, 0});

  private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
  private final PostmortemMemory memory = new PostmortemMemory(new FixedModel(), () -> store);

  @Test
  void recallsTheNearestFirstWithTheirCosineDistances() {
    memory.remember(PostmortemDocument.of("INC-1", Postmortems.heapExhaustion("heap")));
    memory.remember(PostmortemDocument.of("INC-2", withTitle("purchases")));
    memory.remember(PostmortemDocument.of("INC-3", withTitle("slow")));

    List<SimilarIncident> similar = memory.similar("heap query", 3);

    assertThat(similar)
        .extracting(SimilarIncident::incidentId)
        .containsExactly("INC-1", "INC-2", "INC-3");
    assertThat(similar.get(0).distance()).isCloseTo(0, within(1e-6));
    assertThat(similar.get(1).distance()).isCloseTo(1 - Math.sqrt(0.5), within(1e-6));
    assertThat(similar.get(2).distance()).isCloseTo(1, within(1e-6));
    assertThat(similar.get(0).service()).isEqualTo("policy-service");
  }

  @Test
  void rememberingAnIncidentAgainReplacesItsEntry() {
    memory.remember(PostmortemDocument.of("INC-1", Postmortems.heapExhaustion("heap")));
    memory.remember(PostmortemDocument.of("INC-1", Postmortems.heapExhaustion("heap")));
    memory.remember(PostmortemDocument.of("INC-1", withTitle("slow")));

    List<SimilarIncident> similar = memory.similar("heap query", 5);

    assertThat(similar).hasSize(1);
    assertThat(similar.get(0).title()).isEqualTo("slow");
  }

  @Test
  void rememberingABatchReplacesWhatItsIncidentsHadAndKeepsTheRest() {
    memory.remember(PostmortemDocument.of("INC-1", withTitle("slow")));
    memory.remember(PostmortemDocument.of("INC-3", withTitle("slow")));

    memory.rememberAll(
        List.of(
            PostmortemDocument.of("INC-1", withTitle("heap")),
            PostmortemDocument.of("INC-2", withTitle("purchases"))));

    List<SimilarIncident> similar = memory.similar("heap query", 5);
    assertThat(similar)
        .extracting(SimilarIncident::incidentId, SimilarIncident::title)
        .containsExactly(
            tuple("INC-1", "heap"), tuple("INC-2", "purchases"), tuple("INC-3", "slow"));
  }

  @Test
  void aBatchNamingAnIncidentTwiceIsRefused() {
    assertThatThrownBy(
            () ->
                memory.rememberAll(
                    List.of(
                        PostmortemDocument.of("INC-1", withTitle("heap")),
                        PostmortemDocument.of("INC-1", withTitle("slow")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INC-1");
  }

  @Test
  void aFailingStoreIsReportedAsUnavailable() {
    EmbeddingStore<TextSegment> down =
        new InMemoryEmbeddingStore<>() {
          @Override
          public void removeAll(Collection<String> ids) {
            throw new IllegalStateException("connection refused");
          }
        };
    PostmortemMemory failing = new PostmortemMemory(new FixedModel(), () -> down);

    assertThatThrownBy(() -> failing.remember(PostmortemDocument.of("INC-9", withTitle("heap"))))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("storing incident INC-9 failed: connection refused");
  }

  @Test
  void aQueryThatChromaCannotYetServeAfterAWriteIsTriedAgain() {
    AtomicInteger refusals = new AtomicInteger();
    InMemoryEmbeddingStore<TextSegment> flushing =
        new InMemoryEmbeddingStore<>() {
          @Override
          public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
            if (refusals.incrementAndGet() <= 2) {
              throw new IllegalStateException(
                  "Error executing plan: Internal error: Error creating hnsw segment reader:"
                      + " Nothing found on disk");
            }
            return super.search(request);
          }
        };
    PostmortemMemory recalling = new PostmortemMemory(new FixedModel(), () -> flushing);
    recalling.remember(PostmortemDocument.of("INC-1", withTitle("heap")));

    assertThat(recalling.similar("heap", 1))
        .extracting(SimilarIncident::incidentId)
        .containsExactly("INC-1");
    assertThat(refusals).hasValue(3);
  }

  @Test
  void otherQueryFailuresAreNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    InMemoryEmbeddingStore<TextSegment> broken =
        new InMemoryEmbeddingStore<>() {
          @Override
          public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
            calls.incrementAndGet();
            throw new IllegalStateException("connection refused");
          }
        };
    PostmortemMemory recalling = new PostmortemMemory(new FixedModel(), () -> broken);

    assertThatThrownBy(() -> recalling.similar("heap", 1))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("connection refused");
    assertThat(calls).hasValue(1);
  }

  @Test
  void turnsLangchainsScoreBackIntoTheCosineDistance() {
    assertThat(PostmortemMemory.cosineDistance(1 - 0.29289323 / 2)).isEqualTo(0.2928932);
    assertThat(PostmortemMemory.cosineDistance(1)).isZero();
    assertThat(PostmortemMemory.cosineDistance(0)).isEqualTo(2);
  }

  private static PostmortemWritten withTitle(String title) {
    return Postmortems.heapExhaustion(title);
  }

  /** An embedding model that knows a few texts by their first line. */
  private static final class FixedModel implements EmbeddingModel {
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      return Response.from(
          segments.stream()
              .map(
                  segment ->
                      Embedding.from(VECTORS.get(segment.text().lines().findFirst().orElseThrow())))
              .toList());
    }
  }
}

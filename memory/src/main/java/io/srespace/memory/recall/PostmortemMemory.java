package io.srespace.memory.recall;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.srespace.events.recall.SimilarIncident;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers post-mortems as embeddings and recalls the nearest ones to a text. The service and the
 * benchmark both go through it, so the benchmark times exactly what the API does.
 */
public final class PostmortemMemory {
  private final EmbeddingModel model;
  private final Supplier<? extends EmbeddingStore<TextSegment>> store;

  /**
   * @param store gives the store at each use, so a store that could not be reached at start-up is
   *     tried again later
   */
  public PostmortemMemory(
      EmbeddingModel model, Supplier<? extends EmbeddingStore<TextSegment>> store) {
    this.model = model;
    this.store = store;
  }

  public Embedding embed(PostmortemDocument document) {
    return model.embed(document.text()).content();
  }

  /**
   * Stores the document under its incident id, replacing what was stored under it before: Chroma
   * silently keeps the first of two adds with the same id, so an add alone would neither repeat an
   * entry nor take a corrected post-mortem.
   */
  public void store(PostmortemDocument document, Embedding embedding) {
    List<String> id = List.of(document.incidentId());
    try {
      EmbeddingStore<TextSegment> embeddings = store.get();
      embeddings.removeAll(id);
      embeddings.addAll(id, List.of(embedding), List.of(document.segment()));
    } catch (RuntimeException e) {
      throw new StoreUnavailableException(
          "storing incident %s failed: %s".formatted(document.incidentId(), e.getMessage()), e);
    }
  }

  public void remember(PostmortemDocument document) {
    store(document, embed(document));
  }

  /**
   * Stores many documents in one request each to remove and to add, for bulk loads: Chroma takes
   * 10–40 ms per write on two cores, so one post-mortem at a time stores only some 20 a second.
   */
  public void rememberAll(List<PostmortemDocument> documents) {
    List<String> ids = documents.stream().map(PostmortemDocument::incidentId).toList();
    if (ids.stream().distinct().count() != ids.size()) {
      throw new IllegalArgumentException("an incident appears twice in one batch: " + ids);
    }
    List<TextSegment> segments = documents.stream().map(PostmortemDocument::segment).toList();
    List<Embedding> embeddings = model.embedAll(segments).content();
    try {
      EmbeddingStore<TextSegment> embeddingStore = store.get();
      embeddingStore.removeAll(ids);
      embeddingStore.addAll(ids, embeddings, segments);
    } catch (RuntimeException e) {
      throw new StoreUnavailableException(
          "storing %d incidents failed: %s".formatted(ids.size(), e.getMessage()), e);
    }
  }

  /**
   * Chroma 1.0 can answer a query that follows a write with "Error creating hnsw segment reader:
   * Nothing found on disk" until it has written the index out; such a query is tried again.
   */
  private static final int READ_ATTEMPTS = 6;

  private static boolean isUnflushedIndex(RuntimeException e) {
    return String.valueOf(e.getMessage()).contains("hnsw segment reader");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("recall interrupted", interrupted);
    }
  }

  /** The {@code k} remembered incidents nearest to {@code text}, nearest first. */
  public List<SimilarIncident> similar(String text, int k) {
    Embedding query = model.embed(text).content();
    EmbeddingSearchRequest request =
        EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(k).build();
    List<EmbeddingMatch<TextSegment>> matches = null;
    for (int attempt = 1; matches == null; attempt++) {
      try {
        matches = store.get().search(request).matches();
      } catch (RuntimeException e) {
        if (attempt >= READ_ATTEMPTS || !isUnflushedIndex(e)) {
          throw new StoreUnavailableException("recall failed: " + e.getMessage(), e);
        }
        pause(attempt * 50L);
      }
    }
    return matches.stream()
        .map(
            match ->
                PostmortemDocument.recalled(
                    match.embeddingId(),
                    cosineDistance(match.score()),
                    match.embedded() == null ? Map.of() : match.embedded().metadata().toMap()))
        .toList();
  }

  /**
   * langchain4j turns a cosine distance {@code d} (Chroma's, or 1 − cosine similarity in its
   * in-memory store) into the score {@code 1 − d/2}; this gives the distance back, to 7 decimal
   * places (Chroma computes it in 32-bit floats).
   */
  static double cosineDistance(double score) {
    return Math.round(2 * (1 - score) * 1e7) / 1e7;
  }
}

package io.srespace.bench.memory;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.srespace.events.recall.SimilarIncident;
import io.srespace.memory.chroma.ChromaCollection;
import io.srespace.memory.recall.PostmortemDocument;
import io.srespace.memory.recall.PostmortemMemory;
import io.srespace.memory.testing.ChromaServer;
import io.srespace.memory.testing.OnnxRuntimeFolders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recall latency over many stored post-mortems, measured as Memory's API recalls: a scratch Chroma
 * is filled through the service's own mapping (in batches), then timed queries (embed the text, ask
 * Chroma for the 5 nearest) report p50/p95/max, the ingest rate and Chroma's memory. Run it with
 * {@code ./sre-space memory-bench [--count N] [--queries N]}.
 */
public final class RecallBenchmark {
  private static final int K = 5;
  private static final int WARM_UP_QUERIES = 20;
  private static final int BATCH = 100;

  private RecallBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = 10_000;
    int queries = 200;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--count" -> count = Integer.parseInt(args[++i]);
        case "--queries" -> queries = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: memory-bench [--count N (10000)] [--queries N (200)]");
          System.exit(2);
        }
      }
    }
    Set<Path> onnxFolders = OnnxRuntimeFolders.present();
    try (ChromaServer chroma = ChromaServer.start()) {
      run(chroma, count, queries);
    } finally {
      OnnxRuntimeFolders.deleteAllBut(onnxFolders);
    }
  }

  private static void run(ChromaServer server, int count, int queries) {
    System.out.printf("Chroma on %s (pid %d)%n", server.baseUri(), server.pid());
    long loading = System.nanoTime();
    EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    model.embed("warm-up");
    System.out.printf("embedding model loaded in %d ms%n", millis(System.nanoTime() - loading));
    ChromaCollection collection =
        new ChromaCollection(
            server.baseUri(),
            "default_tenant",
            "default_database",
            "postmortems-bench",
            Duration.ofSeconds(30));
    PostmortemMemory memory = new PostmortemMemory(model, collection::store);

    double ingestPerSecond = ingest(memory, count);
    long rememberOne = rememberOneMedian(memory, count, 100);
    System.out.printf(
        Locale.ROOT,
        "one post-mortem stored as the consumer stores it (embed, remove, add): p50 %.1f ms%n",
        ms(rememberOne));
    long stored = collection.count();
    if (stored != count) {
      throw new IllegalStateException("Chroma holds %d entries, not %d".formatted(stored, count));
    }
    long rssAfterIngest = server.residentBytes();
    System.out.printf("Chroma holds %d post-mortems, RSS %d MB%n", stored, rssAfterIngest >> 20);

    SyntheticPostmortems questions = new SyntheticPostmortems(7);
    for (int i = 0; i < WARM_UP_QUERIES; i++) {
      memory.similar(questions.question(questions.nextCase()), K);
    }
    long[] nanos = new long[queries];
    int sameServiceAndFault = 0;
    for (int i = 0; i < queries; i++) {
      SyntheticPostmortems.Case asked = questions.nextCase();
      String text = questions.question(asked);
      long start = System.nanoTime();
      List<SimilarIncident> similar = memory.similar(text, K);
      nanos[i] = System.nanoTime() - start;
      if (similar.size() != K) {
        throw new IllegalStateException(
            "recall gave %d results, not %d".formatted(similar.size(), K));
      }
      SimilarIncident nearest = similar.get(0);
      if (asked.service().equals(nearest.service())
          && asked.fault().id().equals(nearest.faultClass())) {
        sameServiceAndFault++;
      }
    }
    long embedP50 = embedMedian(model, questions, Math.min(queries, 100));
    long rssAfterQueries = server.residentBytes();
    Arrays.sort(nanos);
    double p50 = ms(percentile(nanos, 0.50));
    double p95 = ms(percentile(nanos, 0.95));
    double max = ms(nanos[nanos.length - 1]);
    System.out.printf(
        Locale.ROOT,
        "recall (embed + Chroma query, k=%d) over %d post-mortems, %d queries: p50 %.1f ms, p95 %.1f"
            + " ms, max %.1f ms (embedding alone: p50 %.1f ms)%n",
        K,
        count,
        queries,
        p50,
        p95,
        max,
        ms(embedP50));
    System.out.printf(
        Locale.ROOT,
        "nearest incident has the asked service and fault class in %d of %d queries%n",
        sameServiceAndFault,
        queries);
    System.out.printf("Chroma RSS after the queries: %d MB%n", rssAfterQueries >> 20);
    System.out.printf(
        Locale.ROOT,
        "RESULT count=%d queries=%d recall_p50_ms=%.1f recall_p95_ms=%.1f recall_max_ms=%.1f"
            + " ingest_per_s=%.0f remember_p50_ms=%.1f chroma_rss_mb=%d top1_match=%.2f%n",
        count,
        queries,
        p50,
        p95,
        max,
        ingestPerSecond,
        ms(rememberOne),
        Math.max(rssAfterIngest, rssAfterQueries) >> 20,
        (double) sameServiceAndFault / queries);
  }

  /** Stores {@code count} post-mortems in batches; returns how many a second. */
  private static double ingest(PostmortemMemory memory, int count) {
    SyntheticPostmortems postmortems = new SyntheticPostmortems(42);
    int step = Math.max(BATCH, count / 10 / BATCH * BATCH);
    List<PostmortemDocument> batch = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      batch.add(PostmortemDocument.of(SyntheticPostmortems.id(i), postmortems.next(i)));
      if (batch.size() == BATCH || i + 1 == count) {
        memory.rememberAll(batch);
        batch.clear();
      }
      if ((i + 1) % step == 0 || i + 1 == count) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            Locale.ROOT, "stored %d/%d post-mortems, %.0f/s%n", i + 1, count, (i + 1) / seconds);
      }
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Stores again, one at a time as the consumer does, some of the post-mortems already stored;
   * returns the median time of one (embed, remove, add).
   */
  private static long rememberOneMedian(PostmortemMemory memory, int count, int samples) {
    SyntheticPostmortems postmortems = new SyntheticPostmortems(42);
    long[] nanos = new long[Math.min(samples, count)];
    for (int i = 0; i < nanos.length; i++) {
      PostmortemDocument document =
          PostmortemDocument.of(SyntheticPostmortems.id(i), postmortems.next(i));
      long start = System.nanoTime();
      memory.remember(document);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return percentile(nanos, 0.5);
  }

  private static long embedMedian(
      EmbeddingModel model, SyntheticPostmortems questions, int samples) {
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      String text = questions.question(questions.nextCase());
      long start = System.nanoTime();
      model.embed(text);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return percentile(nanos, 0.5);
  }

  private static long percentile(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}

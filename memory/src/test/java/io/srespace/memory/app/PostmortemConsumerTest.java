package io.srespace.memory.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.srespace.events.Event;
import io.srespace.events.PostmortemRemembered;
import io.srespace.memory.chroma.ChromaCollection;
import io.srespace.memory.recall.PostmortemMemory;
import io.srespace.memory.recall.Postmortems;
import io.srespace.memory.testing.ChromaServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post-mortem that arrives while Chroma is down is stored once it is up, however long it took.
 */
class PostmortemConsumerTest {
  @TempDir Path data;

  @Test
  void keepsTryingWhileChromaIsDownAndStoresThePostmortemWhenItComesUp() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ChromaCollection chroma =
        new ChromaCollection(
            URI.create("http://127.0.0.1:" + port),
            "default_tenant",
            "default_database",
            "postmortems",
            Duration.ofSeconds(2));
    List<Event<?>> said = new CopyOnWriteArrayList<>();
    PostmortemConsumer consumer =
        new PostmortemConsumer(new PostmortemMemory(new OneVector(), chroma::store), said::add);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread remembering =
        new Thread(
            () -> {
              try {
                consumer.remember(
                    Event.of("brain", "INC-DOWN", 7, Postmortems.heapExhaustion("heap")));
              } catch (Throwable e) {
                failed.set(e);
              }
            });
    remembering.start();

    // Longer than any give-up bound it used to have would matter here: it is still trying.
    remembering.join(Duration.ofSeconds(6).toMillis());
    assertThat(remembering.isAlive()).as("still trying while Chroma is down").isTrue();
    assertThat(failed.get()).isNull();
    assertThat(said).as("nothing said while it is not held").isEmpty();

    try (ChromaServer server = ChromaServer.start(data, port)) {
      remembering.join(Duration.ofSeconds(60).toMillis());
      assertThat(remembering.isAlive()).as("done once Chroma is up").isFalse();
      assertThat(failed.get()).isNull();
      assertThat(chroma.count()).isEqualTo(1);
    }
    assertThat(said)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.source()).isEqualTo("memory");
              assertThat(event.incidentId()).isEqualTo("INC-DOWN");
              assertThat(event.data()).isInstanceOf(PostmortemRemembered.class);
            });
  }

  /** Every text the same vector: what is stored matters here, not how it is found. */
  private static final class OneVector implements EmbeddingModel {
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      return Response.from(
          segments.stream().map(s -> Embedding.from(new float[] {0.6f, 0.8f, 0f})).toList());
    }
  }
}

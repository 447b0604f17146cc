package io.srespace.memory.app;

import dev.langchain4j.data.embedding.Embedding;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.srespace.events.Event;
import io.srespace.events.PostmortemEvent;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.kafka.Undecoded;
import io.srespace.memory.recall.PostmortemDocument;
import io.srespace.memory.recall.PostmortemMemory;
import io.srespace.memory.recall.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Remembers each post-mortem Brain writes, once per incident however often it is delivered; while
 * Chroma fails it retries, then lets the record go to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class PostmortemConsumer {
  private static final Logger LOG = Logger.getLogger(PostmortemConsumer.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);

  private final PostmortemMemory memory;
  private final Duration retryFor;

  public PostmortemConsumer(PostmortemMemory memory, MemoryConfig config) {
    this.memory = memory;
    this.retryFor = config.storeRetry();
  }

  @Incoming("postmortems")
  @Blocking
  public void remember(Event<PostmortemEvent> event, IncomingKafkaRecordMetadata<?, ?> record)
      throws InterruptedException {
    if (!Undecoded.isEvent(event, record.getHeaders())) {
      return;
    }
    MDC.put("incidentId", event.incidentId());
    try {
      if (event.data() instanceof PostmortemWritten written) {
        PostmortemDocument document = PostmortemDocument.of(event.incidentId(), written);
        store(document, memory.embed(document));
        LOG.infof(
            "incident %s remembered: %s (%s on %s, %s)",
            event.incidentId(),
            written.title(),
            document.metadata().getOrDefault("faultClass", "unknown fault"),
            document.metadata().getOrDefault("service", "unknown service"),
            document.metadata().getOrDefault("action", "no action"));
      }
    } finally {
      MDC.remove("incidentId");
    }
  }

  private void store(PostmortemDocument document, Embedding embedding) throws InterruptedException {
    long deadline = System.nanoTime() + retryFor.toNanos();
    Duration pause = FIRST_PAUSE;
    while (true) {
      try {
        memory.store(document, embedding);
        return;
      } catch (StoreUnavailableException e) {
        if (System.nanoTime() + pause.toNanos() > deadline) {
          throw new IllegalStateException(
              "gave up after %s: %s".formatted(retryFor, e.getMessage()), e);
        }
        LOG.warnf("%s; trying again in %d ms", e.getMessage(), pause.toMillis());
        Thread.sleep(pause.toMillis());
        pause =
            pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                ? LONGEST_PAUSE
                : pause.multipliedBy(2);
      }
    }
  }
}

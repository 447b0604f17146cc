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
 * Remembers each post-mortem Brain writes, once per incident however often it is delivered. While
 * Chroma fails it tries again, with a growing pause, for as long as it takes: the record is
 * acknowledged (its offset committed) only once Chroma holds it, so a post-mortem is never lost to
 * an outage, and one that is not an event goes to the dead-letter topic.
 */
@ApplicationScoped
public class PostmortemConsumer {
  private static final Logger LOG = Logger.getLogger(PostmortemConsumer.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);

  private final PostmortemMemory memory;

  public PostmortemConsumer(PostmortemMemory memory) {
    this.memory = memory;
  }

  @Incoming("postmortems")
  @Blocking
  public void remember(Event<PostmortemEvent> event, IncomingKafkaRecordMetadata<?, ?> record)
      throws InterruptedException {
    if (Undecoded.isEvent(event, record.getHeaders())) {
      remember(event);
    }
  }

  void remember(Event<PostmortemEvent> event) throws InterruptedException {
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
    Duration pause = FIRST_PAUSE;
    for (int attempt = 1; ; attempt++) {
      try {
        memory.store(document, embedding);
        if (attempt > 1) {
          LOG.infof("stored at attempt %d", attempt);
        }
        return;
      } catch (StoreUnavailableException e) {
        LOG.warnf(
            "%s; attempt %d failed, trying again in %d ms",
            e.getMessage(), attempt, pause.toMillis());
        Thread.sleep(pause.toMillis());
        pause =
            pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                ? LONGEST_PAUSE
                : pause.multipliedBy(2);
      }
    }
  }
}

package io.srespace.memory.app;

import dev.langchain4j.data.embedding.Embedding;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.srespace.events.Event;
import io.srespace.events.PostmortemEvent;
import io.srespace.events.PostmortemRemembered;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.kafka.Undecoded;
import io.srespace.events.topics.Topics;
import io.srespace.memory.recall.PostmortemDocument;
import io.srespace.memory.recall.PostmortemMemory;
import io.srespace.memory.recall.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
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

  private static final Retry UNTIL_STORED = untilStored();

  private final PostmortemMemory memory;
  private final MemoryRecords records;

  public PostmortemConsumer(PostmortemMemory memory, MemoryRecords records) {
    this.memory = memory;
    this.records = records;
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
        said(event, written);
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

  /**
   * Says on {@code memory.records} that the post-mortem is held; its id is derived from the
   * post-mortem's, so a post-mortem delivered twice is said once as far as consumers can tell.
   */
  private void said(Event<PostmortemEvent> event, PostmortemWritten written) {
    try {
      records.say(
          Event.derived(
              event.eventId(),
              "memory",
              event.incidentId(),
              event.issue(),
              Instant.now(),
              new PostmortemRemembered(
                  written.title(), written.service(), written.faultClass(), written.action())));
    } catch (IllegalStateException e) {
      // The post-mortem is held, which is what counts; only the page misses the step.
      LOG.warnf("remembered, but not said on %s: %s", Topics.MEMORY_RECORDS.name(), e.getMessage());
    }
  }

  private void store(PostmortemDocument document, Embedding embedding) {
    Retry.decorateRunnable(UNTIL_STORED, () -> memory.store(document, embedding)).run();
  }

  /** Tried again while Chroma is unavailable, 0.5 s apart and doubling up to 8 s, without end. */
  private static Retry untilStored() {
    Retry retry =
        Retry.of(
            "store-postmortem",
            RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(
                    IntervalFunction.ofExponentialBackoff(FIRST_PAUSE, 2, LONGEST_PAUSE))
                .retryExceptions(StoreUnavailableException.class)
                .build());
    retry
        .getEventPublisher()
        .onRetry(
            e ->
                LOG.warnf(
                    "%s; attempt %d failed, trying again in %d ms",
                    e.getLastThrowable().getMessage(),
                    e.getNumberOfRetryAttempts(),
                    e.getWaitInterval().toMillis()))
        .onSuccess(e -> LOG.infof("stored at attempt %d", e.getNumberOfRetryAttempts() + 1));
    return retry;
  }
}

package io.srespace.fixer.app;

import io.smallrye.common.annotation.Identifier;
import io.srespace.events.Event;
import io.srespace.events.RemediationEvent;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.topics.Topics;
import io.srespace.fixer.flow.ActionSink;
import io.srespace.fixer.state.ActionLog;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * Publishes Fixer's events on {@code fixer.actions}, keyed by incident, and hands each to the
 * action log only once the broker has it: an action the topic does not know never happened.
 */
@ApplicationScoped
public class ActionPublisher implements ActionSink {
  /** Longer than any guardrail window and any diagnosis Fixer accepts. */
  static final Duration KEEP_FINISHED = Duration.ofHours(1);

  private final EventPublisher publisher;
  private final ActionLog log;

  public ActionPublisher(
      @Identifier("default-kafka-broker") Map<String, Object> kafka, ActionLog log) {
    this.log = log;
    this.publisher = new EventPublisher(kafka, "fixer");
  }

  @Override
  public void publish(Event<RemediationEvent> event) {
    publisher.publish(Topics.FIXER_ACTIONS, event);
    log.apply(event);
    log.forgetFinishedBefore(event.occurredAt().minus(KEEP_FINISHED));
  }

  @PreDestroy
  void close() {
    publisher.close();
  }
}

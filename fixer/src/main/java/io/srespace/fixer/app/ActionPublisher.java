package io.srespace.fixer.app;

import io.srespace.events.Event;
import io.srespace.events.RemediationEvent;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.topics.Topics;
import io.srespace.fixer.flow.ActionSink;
import io.srespace.fixer.state.ActionLog;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes Fixer's events on {@code fixer.actions}, keyed by incident, and hands each to the
 * action log only once the broker has it: an action the topic does not know never happened.
 */
@ApplicationScoped
public class ActionPublisher implements ActionSink {
  private final EventPublisher publisher;
  private final ActionLog log;

  public ActionPublisher(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, ActionLog log) {
    this.log = log;
    this.publisher = new EventPublisher(bootstrap, "fixer");
  }

  @Override
  public void publish(Event<RemediationEvent> event) {
    publisher.publish(Topics.FIXER_ACTIONS, event);
    log.apply(event);
  }

  @PreDestroy
  void close() {
    publisher.close();
  }
}

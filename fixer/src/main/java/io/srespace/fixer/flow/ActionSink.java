package io.srespace.fixer.flow;

import io.srespace.events.Event;
import io.srespace.events.RemediationEvent;

/** Where Fixer's events go: {@code fixer.actions}, and its own action log. */
public interface ActionSink {
  void publish(Event<RemediationEvent> event);
}

package io.srespace.memory.app;

import io.srespace.events.Event;
import io.srespace.events.MemoryEvent;

/** Where Memory says what it has learnt: {@code memory.records}. */
@FunctionalInterface
public interface MemoryRecords {
  /**
   * @throws IllegalStateException when it could not be said
   */
  void say(Event<? extends MemoryEvent> event);
}

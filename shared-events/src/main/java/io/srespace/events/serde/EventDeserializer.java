package io.srespace.events.serde;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads JSON events for any Kafka consumer. The no-argument form (for SmallRye configuration)
 * accepts every known event; the typed form accepts one payload family. A null value (a tombstone)
 * stays null; bytes that are not an event raise {@link EventDecodingException} naming the topic.
 */
public class EventDeserializer<P extends EventPayload> implements Deserializer<Event<P>> {
  private final Class<P> expected;

  @SuppressWarnings("unchecked")
  public EventDeserializer() {
    this((Class<P>) EventPayload.class);
  }

  public EventDeserializer(Class<P> expected) {
    this.expected = expected;
  }

  @Override
  public Event<P> deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return EventJson.read(data, expected);
    } catch (EventDecodingException e) {
      throw e.onTopic(topic);
    }
  }
}

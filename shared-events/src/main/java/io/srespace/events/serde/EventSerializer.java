package io.srespace.events.serde;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import org.apache.kafka.common.serialization.Serializer;

/** Writes events as JSON for any Kafka producer, SmallRye channel or Kafka Streams sink. */
public class EventSerializer<P extends EventPayload> implements Serializer<Event<P>> {
  @Override
  public byte[] serialize(String topic, Event<P> event) {
    return event == null ? null : EventJson.write(event);
  }
}

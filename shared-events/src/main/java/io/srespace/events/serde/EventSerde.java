package io.srespace.events.serde;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The JSON serde of one payload family, for Kafka Streams and the topic registry. */
public final class EventSerde<P extends EventPayload> implements Serde<Event<P>> {
  private final Class<P> family;

  private EventSerde(Class<P> family) {
    this.family = family;
  }

  public static <P extends EventPayload> EventSerde<P> of(Class<P> family) {
    return new EventSerde<>(family);
  }

  public Class<P> family() {
    return family;
  }

  @Override
  public Serializer<Event<P>> serializer() {
    return new EventSerializer<>();
  }

  @Override
  public Deserializer<Event<P>> deserializer() {
    return new EventDeserializer<>(family);
  }
}

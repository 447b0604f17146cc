package io.srespace.events;

import io.srespace.events.serde.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The golden JSON file of each event type, under {@code events/<Type>.json} on the class path. */
public final class GoldenEvents {
  private GoldenEvents() {}

  public static List<Class<? extends EventPayload>> types() {
    return List.copyOf(EventTypes.all());
  }

  public static String path(Class<? extends EventPayload> type) {
    return "events/" + EventTypes.nameOf(type) + ".json";
  }

  public static boolean exists(Class<? extends EventPayload> type) {
    return GoldenEvents.class.getClassLoader().getResource(path(type)) != null;
  }

  public static byte[] bytes(Class<? extends EventPayload> type) {
    try (InputStream in = GoldenEvents.class.getClassLoader().getResourceAsStream(path(type))) {
      if (in == null) {
        throw new IllegalStateException("no golden file " + path(type));
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Event<EventPayload> event(Class<? extends EventPayload> type) {
    return EventJson.read(bytes(type));
  }

  /** The golden event of {@code type}, typed as the family its topic carries. */
  public static <P extends EventPayload> Event<P> event(Class<? extends P> type, Class<P> family) {
    return EventJson.read(bytes(type), family);
  }
}

package io.srespace.events;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every payload type, found by walking the sealed {@link EventPayload} hierarchy, under the name
 * the envelope's {@code type} attribute carries (the record's simple name).
 */
public final class EventTypes {
  private static final Map<String, Class<? extends EventPayload>> BY_NAME = collect();

  private EventTypes() {}

  public static String nameOf(Class<? extends EventPayload> type) {
    return type.getSimpleName();
  }

  public static Optional<Class<? extends EventPayload>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static Collection<Class<? extends EventPayload>> all() {
    return BY_NAME.values();
  }

  private static Map<String, Class<? extends EventPayload>> collect() {
    Map<String, Class<? extends EventPayload>> byName = new LinkedHashMap<>();
    addLeaves(EventPayload.class, byName);
    return Map.copyOf(byName);
  }

  @SuppressWarnings("unchecked")
  private static void addLeaves(Class<?> type, Map<String, Class<? extends EventPayload>> byName) {
    if (type.isSealed()) {
      for (Class<?> permitted : type.getPermittedSubclasses()) {
        addLeaves(permitted, byName);
      }
    } else {
      Class<? extends EventPayload> leaf = (Class<? extends EventPayload>) type;
      Class<?> clash = byName.put(nameOf(leaf), leaf);
      if (clash != null) {
        throw new IllegalStateException("two event types named " + nameOf(leaf));
      }
    }
  }
}

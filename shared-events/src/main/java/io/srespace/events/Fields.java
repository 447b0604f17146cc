package io.srespace.events;

import java.util.List;

/** Checks shared by the records' compact constructors, so a bad event fails where it is built. */
final class Fields {
  private Fields() {}

  static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  static <T> T required(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  /** An absent list reads as empty, so older producers stay readable. */
  static <T> List<T> listOf(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }
}

package io.srespace.brain.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps that forget their oldest entries beyond a size, for what Brain remembers per incident. */
public final class Bounded {
  private Bounded() {}

  /** A thread-safe map keeping the newest {@code max} entries in insertion order. */
  public static <K, V> Map<K, V> map(int max) {
    return Collections.synchronizedMap(
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > max;
          }
        });
  }
}

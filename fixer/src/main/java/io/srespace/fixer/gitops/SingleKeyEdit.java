package io.srespace.fixer.gitops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The check every edit passes: the edited text parses to the old keys with one key changed. */
final class SingleKeyEdit {
  private SingleKeyEdit() {}

  /**
   * Returns {@code after} when it parses to {@code before}'s keys, in the same order, with only
   * {@code key} set to {@code value}; refuses it otherwise.
   */
  static String checked(
      ConfigFormat format, String before, String after, String key, String value) {
    Map<String, String> old = format.parse(before);
    Map<String, String> now;
    try {
      now = format.parse(after);
    } catch (ConfigFormatException e) {
      throw new ConfigFormatException(
          "setting %s would leave the file unparseable: %s".formatted(key, e.getMessage()), e);
    }
    if (!value.equals(now.get(key))) {
      throw new ConfigFormatException(
          "setting %s to '%s' reads back as '%s'".formatted(key, value, now.get(key)));
    }
    Set<String> others = new LinkedHashSet<>(old.keySet());
    others.addAll(now.keySet());
    others.remove(key);
    List<String> changed = new ArrayList<>();
    for (String other : others) {
      if (!Objects.equals(old.get(other), now.get(other))) {
        changed.add(other);
      }
    }
    if (!changed.isEmpty()) {
      throw new ConfigFormatException(
          "setting %s would also change %s".formatted(key, String.join(", ", changed)));
    }
    if (!withoutKey(old, key).equals(withoutKey(now, key))) {
      throw new ConfigFormatException("setting %s would reorder the other keys".formatted(key));
    }
    return after;
  }

  private static List<String> withoutKey(Map<String, String> values, String key) {
    return values.keySet().stream().filter(other -> !other.equals(key)).toList();
  }
}

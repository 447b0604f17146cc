package io.srespace.events;

/** One key of one configuration file, from its current value to the proposed one. */
public record ConfigChange(String file, String key, String from, String to) {
  public ConfigChange {
    Fields.required(file, "file");
    Fields.required(key, "key");
    Fields.required(to, "to");
  }
}

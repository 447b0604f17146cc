package io.srespace.events;

import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;
import java.util.Locale;

/** The kind of failure a diagnosis names, independent of the service it hit. */
@EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
public enum FaultClass {
  UNAVAILABLE,
  LATENCY,
  CPU,
  MEMORY,
  ERRORS,
  WRONG_RESULT,
  RESOURCE_EXHAUSTION,
  /** More load than the service runs for, with nothing broken: capacity, never a restart. */
  CAPACITY,
  /** The service's storage is full: no restart frees it; space must be freed or added. */
  STORAGE;

  /** The name people read and JSON carries: {@code wrong-result}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

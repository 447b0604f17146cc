package io.srespace.events;

import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;

/** The kind of failure a diagnosis names, independent of the service it hit. */
@EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
public enum FaultClass {
  UNAVAILABLE,
  LATENCY,
  CPU,
  MEMORY,
  ERRORS,
  WRONG_RESULT,
  RESOURCE_EXHAUSTION
}

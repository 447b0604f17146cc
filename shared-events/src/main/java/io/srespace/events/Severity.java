package io.srespace.events;

import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;

/** How much of the user journey an incident hurts. */
@EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
public enum Severity {
  MINOR,
  MAJOR,
  CRITICAL
}

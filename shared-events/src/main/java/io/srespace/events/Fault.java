package io.srespace.events;

import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;

/**
 * The fault catalogue of DESIGN.md: what the demo apps can be made to suffer. JSON spells constants
 * in kebab case ({@code memory-leak}), as the chaos scripts do.
 */
@EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
public enum Fault {
  KILL,
  MEMORY_LEAK,
  LATENCY,
  ERROR_RATE,
  CONVERSION_BREAK,
  DB_POOL,
  DEPENDENCY_DOWN
}

package io.srespace.events;

import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;

/** What Scout measured when it saw an anomaly. */
@EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
public enum Signal {
  ERROR_RATE,
  LATENCY,
  TRAFFIC,
  CONVERSION,
  HEAP,
  DB_POOL,
  HEALTH,
  NO_DATA,
  /** The service's CPU quota holds it back (throttled periods of its cgroup). */
  CPU_THROTTLED,
  /** The filesystem the service writes its data to is (nearly) full. */
  DISK_FULL
}

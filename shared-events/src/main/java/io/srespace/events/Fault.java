package io.srespace.events;

import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The fault catalogue of DESIGN.md: what the demo apps can be made to suffer, by their own switches
 * or, for the hang and the ones after it, from outside the process ({@code ops}' host chaos). JSON,
 * the admin endpoints and the chaos scripts all spell constants in kebab case ({@code
 * memory-leak}).
 */
@EnumNaming(EnumNamingStrategies.KebabCaseStrategy.class)
public enum Fault {
  KILL,
  MEMORY_LEAK,
  LATENCY,
  ERROR_RATE,
  CONVERSION_BREAK,
  DB_POOL,
  DEPENDENCY_DOWN,
  /** Done from outside the process, as the infrastructure would: SIGSTOP until cleared. */
  HANG,
  /** Done from outside: TCP packets to and from the service's port dropped at random. */
  PACKET_LOSS,
  /**
   * Done from outside: every connection to the service's port led through a proxy that holds what
   * is sent to the service back for the delay.
   */
  NETWORK_DELAY,
  /** Done from outside: a CPU quota on the cgroup the service's processes run in. */
  CPU_STARVATION,
  /** Done from outside: the filesystem of the service's data directory filled to the last byte. */
  DISK_FULL,
  /** A release that throws on one code path, deployed through the GitOps repository. */
  BAD_RELEASE,
  /**
   * Not a fault: {@code intensity} times the normal journeys for a while, from a second generator.
   * Recorded so that evaluators know the load was there; nothing should be repaired.
   */
  TRAFFIC_SURGE;

  /** The name people type: {@code memory-leak}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Fault> fromId(String id) {
    return Arrays.stream(values()).filter(fault -> fault.id().equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id();
  }
}

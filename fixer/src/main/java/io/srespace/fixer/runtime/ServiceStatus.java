package io.srespace.fixer.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * A service as its runtime reports it: its state, the runtime's own words for it, and when it last
 * started, where the runtime says (null where it does not).
 */
public record ServiceStatus(String service, State state, String detail, Instant startedAt) {

  public ServiceStatus(String service, State state, String detail) {
    this(service, state, detail, null);
  }

  /** When the service last started, if the runtime says. */
  public Optional<Instant> started() {
    return Optional.ofNullable(startedAt);
  }

  /** The states every runtime can be read as. */
  public enum State {
    RUNNING,
    STARTING,
    STOPPED,
    FAILED,
    UNKNOWN
  }

  public boolean running() {
    return state == State.RUNNING;
  }
}

package io.srespace.fixer.runtime;

/** A service as its runtime reports it: its state and the runtime's own words for it. */
public record ServiceStatus(String service, State state, String detail) {

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

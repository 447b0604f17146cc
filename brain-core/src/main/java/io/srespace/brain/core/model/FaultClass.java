package io.srespace.brain.core.model;

/** The kind of fault a suspect most likely has, as far as telemetry can tell. */
public enum FaultClass {
  UNAVAILABLE,
  LATENCY,
  CPU,
  MEMORY,
  ERRORS,
  WRONG_RESULT;

  public String label() {
    return name().toLowerCase().replace('_', '-');
  }
}

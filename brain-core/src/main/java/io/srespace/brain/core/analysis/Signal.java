package io.srespace.brain.core.analysis;

import io.srespace.events.FaultClass;

/** A kind of finding, its weight in the fused score and the fault class it points to. */
enum Signal {
  SELF_LATENCY("self-time", 1.0, FaultClass.LATENCY),
  CALLS_INTO_SLOW("calls-into-slow", 0.9, FaultClass.LATENCY),
  ALL_CALLS_OUT_SLOW("all-calls-out-slow", 0.6, FaultClass.CPU),
  VANISHED("vanished", 1.2, FaultClass.UNAVAILABLE),
  BEHAVIOUR_LOST("behaviour-lost", 1.1, FaultClass.WRONG_RESULT),
  BEHAVIOUR_GAINED("behaviour-gained", 0.6, FaultClass.ERRORS),
  FLOW_BROKEN("flow-broken", 1.2, FaultClass.ERRORS),
  LOG_ERRORS("log-errors", 1.0, FaultClass.ERRORS),
  CALLERS_BLAME("callers-blame", 0.8, FaultClass.ERRORS),
  /** Evidence only: callers called the service less, which explains its spans vanishing. */
  CALLED_LESS("called-less", 0.0, FaultClass.UNAVAILABLE),
  CPU("cpu", 1.0, FaultClass.CPU),
  MEMORY("memory", 0.6, FaultClass.MEMORY),
  SERVER_LATENCY("server-latency", 0.3, FaultClass.LATENCY);

  private final String label;
  private final double weight;
  private final FaultClass faultClass;

  Signal(String label, double weight, FaultClass faultClass) {
    this.label = label;
    this.weight = weight;
    this.faultClass = faultClass;
  }

  String label() {
    return label;
  }

  double weight() {
    return weight;
  }

  FaultClass faultClass() {
    return faultClass;
  }
}

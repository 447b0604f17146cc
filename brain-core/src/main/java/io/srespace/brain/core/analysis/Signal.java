package io.srespace.brain.core.analysis;

import io.srespace.events.FaultClass;

/** A kind of finding, its weight in the fused score and the fault class it points to. */
enum Signal {
  SELF_LATENCY(Rule.SELF_TIME, 1.0, FaultClass.LATENCY),
  CALLS_INTO_SLOW(Rule.CALLS_INTO_SLOW, 0.9, FaultClass.LATENCY),
  ALL_CALLS_OUT_SLOW(Rule.ALL_CALLS_OUT_SLOW, 0.6, FaultClass.CPU),
  BEHAVIOUR_LOST(Rule.BEHAVIOUR_LOST, 1.1, FaultClass.WRONG_RESULT),
  LOG_ERRORS(Rule.LOG_ERRORS, 1.0, FaultClass.ERRORS),
  CALLERS_BLAME(Rule.CALLERS_BLAME, 0.8, FaultClass.ERRORS),
  CPU(Rule.CPU, 1.0, FaultClass.CPU),
  SERVER_LATENCY(Rule.SERVER_LATENCY, 0.3, FaultClass.LATENCY);

  private final Rule rule;
  private final double weight;
  private final FaultClass faultClass;

  Signal(Rule rule, double weight, FaultClass faultClass) {
    this.rule = rule;
    this.weight = weight;
    this.faultClass = faultClass;
  }

  /** The switch that turns this signal off. */
  Rule rule() {
    return rule;
  }

  String label() {
    return rule.label();
  }

  double weight() {
    return weight;
  }

  FaultClass faultClass() {
    return faultClass;
  }
}

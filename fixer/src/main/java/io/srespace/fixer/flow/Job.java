package io.srespace.fixer.flow;

import io.srespace.events.FaultClass;
import io.srespace.events.RemediationPlan;

/** One action Fixer carries out: for which incident, under which id, Brain's plan and its class. */
public record Job(
    IncidentRef incident, String actionId, RemediationPlan plan, FaultClass faultClass) {
  String service() {
    return plan.service();
  }
}

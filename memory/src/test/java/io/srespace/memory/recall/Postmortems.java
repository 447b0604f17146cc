package io.srespace.memory.recall;

import io.srespace.events.ConfigChange;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentTimeline;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import java.time.Instant;

/** Post-mortems as Brain writes them, for the tests. */
public final class Postmortems {
  private static final Instant DETECTED = Instant.parse("2026-11-23T12:00:00Z");

  private Postmortems() {}

  public static IncidentTimeline timeline() {
    return new IncidentTimeline(
        DETECTED, DETECTED.plusSeconds(6), DETECTED.plusSeconds(9), DETECTED.plusSeconds(61));
  }

  public static PostmortemWritten heapExhaustion(String title) {
    return new PostmortemWritten(
        title,
        "# " + title + "\n\n## Timeline\n- detected by Scout\n\n## Root cause\nA leak.\n",
        "policy-service",
        FaultClass.MEMORY,
        RemediationAction.RESTART,
        "verified",
        "heap exhaustion in policy-service: a cache that never evicts",
        timeline(),
        "heap on policy-service: 0.93 of max (normal 0.41), growing 0.5 MB/s; garbage collection"
            + " pauses",
        null,
        "#7");
  }

  public static PostmortemWritten purchasesRejected() {
    return new PostmortemWritten(
        "purchases stopped: policy-service rejected every policy",
        "# purchases stopped\n\nA bad rule in policy-service's configuration.\n",
        "policy-service",
        FaultClass.WRONG_RESULT,
        RemediationAction.PULL_REQUEST,
        "verified",
        "policy-service's minimum age rule set to 120 rejects every customer",
        timeline(),
        "conversion from quote to purchase fell from 0.62 to 0.01; quotes go on, no errors"
            + " anywhere; purchases rejected by policy-service",
        new ConfigChange("policy-service/application.yaml", "policy.min-age", "120", "18"),
        "#12");
  }

  public static PostmortemWritten slowUserService() {
    return new PostmortemWritten(
        "user-service slow: p95 latency of 2.4 s",
        "# user-service slow\n",
        "user-service",
        FaultClass.LATENCY,
        RemediationAction.ESCALATE,
        "escalated",
        "user-service's database answered slowly",
        timeline(),
        "p95 latency of user-service 2.4 s (normal 12 ms); quote-service calling user-service slow",
        null,
        "https://example.org/issues/31");
  }
}

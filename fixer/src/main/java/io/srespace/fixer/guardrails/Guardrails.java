package io.srespace.fixer.guardrails;

import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationPlan;
import io.srespace.fixer.state.ActionRecord;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.knowledge.Remediation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a plan may be carried out, in this order: the kill switch, the knowledge graph's
 * allowlist, the service's circuit breaker, one action in flight per service, the per-service and
 * global rate limits, and whether a human must approve it. Admitting an action reserves its slot at
 * once, so two diagnoses arriving together cannot both act.
 */
public final class Guardrails {

  /** The limits; every one has a default in Fixer's configuration. */
  public record Settings(
      boolean killSwitch,
      Path killSwitchFile,
      int perServiceLimit,
      Duration perServiceWindow,
      int globalLimit,
      Duration globalWindow,
      int breakerFailures,
      Duration breakerCooldown) {}

  private final KnowledgeGraph policy;
  private final Settings settings;
  private final Clock clock;
  private final RateLimit global;
  private final Map<String, RateLimit> perService = new ConcurrentHashMap<>();
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Set<String> inFlight = new HashSet<>();

  public Guardrails(KnowledgeGraph policy, Settings settings, Clock clock) {
    this.policy = policy;
    this.settings = settings;
    this.clock = clock;
    this.global = new RateLimit(settings.globalLimit(), settings.globalWindow(), clock);
  }

  /** Why every action is stopped now, if the kill switch is on. */
  public Optional<String> killed() {
    if (settings.killSwitch()) {
      return Optional.of("the kill switch is on (FIXER_KILL_SWITCH)");
    }
    if (settings.killSwitchFile() != null && Files.exists(settings.killSwitchFile())) {
      return Optional.of("the kill switch file " + settings.killSwitchFile() + " exists");
    }
    return Optional.empty();
  }

  /**
   * The verdict on a plan; a GO or ASK_APPROVAL verdict has reserved the service until {@link
   * #finished} is called.
   */
  public synchronized Verdict admit(String service, FaultClass faultClass, RemediationPlan plan) {
    Optional<String> killed = killed();
    if (killed.isPresent()) {
      return Verdict.refuse(killed.get() + ": no action is taken");
    }
    if (plan.action() == RemediationAction.ESCALATE) {
      return Verdict.refuse("Brain escalated: " + plan.reason());
    }
    boolean needsApproval;
    if (plan.reverts() != null) {
      // A revert puts back a value the service ran with; Fixer checks it against the recorded
      // deployment before it proposes anything.
      boolean revertible =
          policy.service(service).map(s -> s.revertible(plan.change().key())).orElse(false);
      if (!revertible) {
        return Verdict.refuse(
            "a revert of %s on %s is not allowed by the knowledge graph (no rollback for the service, or an untyped key)"
                .formatted(plan.change().key(), service));
      }
      needsApproval = false;
    } else {
      Optional<Remediation> rule =
          policy
              .remediation(service, faultClass)
              .filter(r -> r.action() == plan.action())
              .or(
                  () ->
                      faultClass == null
                          ? policy.remediation(service, plan.action())
                          : Optional.empty());
      if (rule.isEmpty()) {
        return Verdict.refuse(
            "%s of %s is not allowed for %s by the knowledge graph"
                .formatted(
                    plan.action().name().toLowerCase().replace('_', '-'),
                    service,
                    faultClass == null ? "this fault" : faultClass.id()));
      }
      needsApproval = rule.get().needsApproval();
    }
    CircuitBreaker breaker = breaker(service);
    if (breaker.open()) {
      return Verdict.refuse(
          "%d actions on %s failed in a row: the circuit breaker is open for %d s"
              .formatted(
                  breaker.failuresInARow(), service, settings.breakerCooldown().toSeconds()));
    }
    if (inFlight.contains(service)) {
      return Verdict.refuse("an action on " + service + " is still in flight");
    }
    RateLimit serviceLimit = limit(service);
    if (!serviceLimit.allows()) {
      return Verdict.refuse(
          "the rate limit for %s (%s) is reached".formatted(service, serviceLimit.describe()));
    }
    if (!global.allows()) {
      return Verdict.refuse("the global rate limit (" + global.describe() + ") is reached");
    }
    inFlight.add(service);
    serviceLimit.take();
    global.take();
    return needsApproval
        ? Verdict.askApproval(
            "the knowledge graph marks %s of %s high-risk: a human approves it first"
                .formatted(plan.action().name().toLowerCase().replace('_', '-'), service))
        : Verdict.go("allowed by the knowledge graph");
  }

  /**
   * Counts the actions of an earlier run, oldest first, as if this run had taken them: a restarted
   * Fixer keeps its rate limits and circuit breakers. An unfinished action holds its service in
   * flight until it is accounted for ({@link #finished} or {@link #released}).
   */
  public synchronized void restore(List<ActionRecord> actions) {
    for (ActionRecord action : actions) {
      String service = action.plan() == null ? null : action.plan().service();
      if (service == null || action.requestedAt() == null) {
        continue;
      }
      limit(service).take(action.requestedAt());
      global.take(action.requestedAt());
      if (action.finished()) {
        Instant ended = action.appliedAt() != null ? action.appliedAt() : action.requestedAt();
        breaker(service).record(action.phase() == ActionRecord.Phase.VERIFIED, ended);
      } else {
        inFlight.add(service);
      }
    }
  }

  /** Frees the service after an admitted action ended, and records its outcome. */
  public synchronized void finished(String service, boolean success) {
    inFlight.remove(service);
    breaker(service).record(success);
  }

  /** Frees the service after an admitted action that was never carried out. */
  public synchronized void released(String service) {
    inFlight.remove(service);
  }

  public synchronized boolean inFlight(String service) {
    return inFlight.contains(service);
  }

  private RateLimit limit(String service) {
    return perService.computeIfAbsent(
        service,
        s -> new RateLimit(settings.perServiceLimit(), settings.perServiceWindow(), clock));
  }

  private CircuitBreaker breaker(String service) {
    return breakers.computeIfAbsent(
        service,
        s -> new CircuitBreaker(settings.breakerFailures(), settings.breakerCooldown(), clock));
  }
}

package io.srespace.brain.diagnosis;

import io.srespace.brain.knowledge.DeployedConfig;
import io.srespace.events.ConfigChange;
import io.srespace.events.DeploymentChanged;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationPlan;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.knowledge.Remediation;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a diagnosis into a plan by the knowledge graph's rules (fault class + service → action),
 * escalating when no rule allows an action or the evidence is too weak to act on.
 */
public final class PlanChooser {
  private final KnowledgeGraph graph;
  private final DeployedConfig deployed;
  private final double minConfidence;

  public PlanChooser(KnowledgeGraph graph, DeployedConfig deployed, double minConfidence) {
    this.graph = graph;
    this.deployed = deployed;
    this.minConfidence = minConfidence;
  }

  public RemediationPlan choose(String service, FaultClass faultClass, Confidence confidence) {
    if (confidence.value() < minConfidence) {
      return escalate(
          service,
          "the evidence is too weak to act on: confidence %s is below %.2f"
              .formatted(confidence, minConfidence));
    }
    if (!graph.knows(service)) {
      return escalate(service, service + " is not in the knowledge graph: no action is allowed");
    }
    Optional<Remediation> rule = graph.remediation(service, faultClass);
    if (rule.isEmpty()) {
      return escalate(
          service,
          "no remediation is allowed for %s on %s; owner %s"
              .formatted(faultClass.id(), service, owner(service)));
    }
    Remediation remediation = rule.get();
    return switch (remediation.action()) {
      case RESTART ->
          new RemediationPlan(RemediationAction.RESTART, service, null, remediation.why());
      case PULL_REQUEST -> pullRequest(service, remediation);
      case ESCALATE -> escalate(service, remediation.why() + "; owner " + owner(service));
    };
  }

  /**
   * A pull request that undoes the suspected deployment: its key set back to the value it had
   * before; escalated when the change cannot be undone by one key or the evidence is too weak.
   */
  public RemediationPlan revert(
      ChangeCorrelation.Suspected suspected, Instant firstSeen, Confidence confidence) {
    String service = suspected.suspect().service();
    DeploymentChanged deployed = suspected.deployed().change();
    String commit = deployed.commit();
    String what =
        "%s was deployed %d s before the first anomaly (commit %s: %s, by %s%s)"
            .formatted(
                service,
                suspected.secondsBefore(firstSeen),
                DeploymentChanged.shortCommit(commit),
                deployed.changes().stream()
                    .map(c -> "%s %s→%s".formatted(c.key(), shown(c.from()), c.to()))
                    .collect(Collectors.joining(", ")),
                deployed.by(),
                deployed.reason() == null ? "" : ": " + deployed.reason());
    if (confidence.value() < minConfidence) {
      return escalate(
          service,
          "%s; the evidence is too weak to act on: confidence %s is below %.2f"
              .formatted(what, confidence, minConfidence));
    }
    Optional<KnowledgeGraph.Service> node = graph.service(service);
    if (deployed.changes().size() != 1) {
      return escalate(
          service,
          "%s; it changed %d keys and a revert pull request sets one: owner %s decides"
              .formatted(what, deployed.changes().size(), owner(service)));
    }
    ConfigChange change = deployed.changes().get(0);
    if (node.isEmpty() || !node.get().revertible(change.key())) {
      return escalate(
          service,
          "%s; the knowledge graph allows no rollback of %s on %s: owner %s decides"
              .formatted(what, change.key(), service, owner(service)));
    }
    if (change.from() == null) {
      return escalate(
          service,
          "%s; %s was not set before it, so there is no value to go back to: owner %s decides"
              .formatted(what, change.key(), owner(service)));
    }
    String file = node.get().config();
    return new RemediationPlan(
        RemediationAction.PULL_REQUEST,
        service,
        new ConfigChange(file, change.key(), change.to(), change.from()),
        "%s; %s: revert it".formatted(what, node.get().rollback().why()),
        commit);
  }

  private static String shown(String value) {
    return value == null ? "(unset)" : value;
  }

  /** A pull request that sets {@code key} to {@code to}, as a remembered fix did. */
  public RemediationPlan repeat(String service, ConfigChange remembered, String why) {
    // The file is the knowledge graph's, never the name a recalled post-mortem carries.
    Optional<String> configured = graph.service(service).map(KnowledgeGraph.Service::config);
    if (configured.isEmpty()) {
      return escalate(
          service,
          "a remembered fix changes %s, but the knowledge graph names no configuration of %s"
              .formatted(remembered.key(), service));
    }
    if (graph.service(service).flatMap(s -> s.setting(remembered.key())).isEmpty()) {
      return escalate(
          service,
          "a remembered fix changes %s, which the knowledge graph does not type for %s"
              .formatted(remembered.key(), service));
    }
    String file = configured.get();
    String current = deployed.value(file, remembered.key()).orElse(remembered.from());
    return new RemediationPlan(
        RemediationAction.PULL_REQUEST,
        service,
        new ConfigChange(file, remembered.key(), current, remembered.to()),
        why);
  }

  private RemediationPlan pullRequest(String service, Remediation remediation) {
    String file = graph.service(service).orElseThrow().config();
    String current = deployed.value(file, remediation.key()).orElse(null);
    if (current == null && remediation.doubles()) {
      return escalate(
          service,
          "%s is not set in %s, so it cannot be raised; owner %s"
              .formatted(remediation.key(), file, owner(service)));
    }
    String target = remediation.target(current);
    if (target.equals(current)) {
      return escalate(
          service,
          "%s is already %s in %s: the rule's change would change nothing; owner %s"
              .formatted(remediation.key(), current, file, owner(service)));
    }
    return new RemediationPlan(
        RemediationAction.PULL_REQUEST,
        service,
        new ConfigChange(file, remediation.key(), current, target),
        remediation.why());
  }

  private RemediationPlan escalate(String service, String reason) {
    return new RemediationPlan(RemediationAction.ESCALATE, service, null, reason);
  }

  private String owner(String service) {
    return graph.service(service).map(KnowledgeGraph.Service::owner).orElse("unknown");
  }

  /** The one line Fixer and people act on. */
  public static String directive(RemediationPlan plan) {
    return switch (plan.action()) {
      case RESTART -> "MITIGATION: RESTART " + plan.service();
      case PULL_REQUEST ->
          (plan.reverts() == null
                  ? "MITIGATION: PR %s %s %s→%s"
                  : "MITIGATION: REVERT "
                      + DeploymentChanged.shortCommit(plan.reverts())
                      + " PR %s %s %s→%s")
              .formatted(
                  plan.service(),
                  plan.change().key(),
                  shown(plan.change().from()),
                  plan.change().to());
      case ESCALATE -> "ESCALATE: " + plan.reason();
    };
  }
}

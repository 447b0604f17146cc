package io.srespace.fixer.flow;

import io.srespace.events.ConfigChange;
import io.srespace.events.DeploymentChanged;
import io.srespace.events.DeploymentHistory;
import io.srespace.events.RemediationAction;
import io.srespace.fixer.gitops.ConfigChanges;
import io.srespace.fixer.gitops.GitOpsException;
import io.srespace.fixer.runtime.ContainerRuntime;
import io.srespace.fixer.verify.RecoveryCheck;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.knowledge.Remediation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A configuration change as a pull request: Brain names the intent, Fixer computes the value from
 * the knowledge graph's rule and the repository's current value, validates, merges and redeploys;
 * undone by a revert and a redeploy.
 */
public final class PullRequestStrategy implements RemediationStrategy {
  private static final Logger LOG = Logger.getLogger(PullRequestStrategy.class);
  private final ConfigChanges changes;
  private final ContainerRuntime runtime;
  private final KnowledgeGraph graph;
  private final RecoveryCheck recovery;
  private final Duration deadline;
  private final Clock clock;
  private final DeploymentSink deployments;
  private final DeploymentHistory history;

  public PullRequestStrategy(
      ConfigChanges changes,
      ContainerRuntime runtime,
      KnowledgeGraph graph,
      RecoveryCheck recovery,
      Duration deadline,
      Clock clock,
      DeploymentSink deployments,
      DeploymentHistory history) {
    this.history = history;
    this.changes = changes;
    this.runtime = runtime;
    this.graph = graph;
    this.recovery = recovery;
    this.deadline = deadline;
    this.clock = clock;
    this.deployments = deployments;
  }

  @Override
  public RemediationAction action() {
    return RemediationAction.PULL_REQUEST;
  }

  @Override
  public String describe(Job job) {
    ConfigChange change = job.plan().change();
    return job.plan().reverts() == null
        ? "change %s of %s to %s".formatted(change.key(), job.service(), change.to())
        : "revert commit %s of %s (%s back to %s)"
            .formatted(job.plan().reverts(), job.service(), change.key(), change.to());
  }

  @Override
  public Applied apply(Job job) {
    String reverts = job.plan().reverts();
    ConfigChange change = reverts == null ? change(job) : revert(job, reverts);
    ConfigChanges.Proposal proposal =
        changes.propose(
            job.incident().id(),
            job.incident().issue(),
            job.service(),
            change,
            job.plan().reason(),
            reverts);
    if (!proposal.accepted()) {
      throw new Refused("the change was refused: " + String.join("; ", proposal.refusals()));
    }
    Instant at = clock.instant();
    ConfigChanges.Merged merged = changes.merge(proposal.pullRequest(), change.file());
    runtime.redeploy(job.service(), merged.environment());
    recordDeployment(
        job,
        merged,
        "pull request #%d for incident %s: %s"
            .formatted(
                proposal.pullRequest(),
                job.incident().id(),
                reverts == null ? job.plan().reason() : "revert of commit " + reverts));
    return new Applied(
        at,
        "merged pull request #%d (%s%s %s→%s) and redeployed %s through %s"
            .formatted(
                proposal.pullRequest(),
                reverts == null ? "" : "revert of " + reverts + ": ",
                change.key(),
                change.from(),
                change.to(),
                job.service(),
                runtime.describe()),
        proposal.pullRequest(),
        proposal.url());
  }

  /**
   * The change that undoes the recorded deployment {@code commit} of the job's service, from the
   * deployment as recorded (never from what the plan says): its one key set back to its value
   * before it. Refused when the deployment is not recorded or cannot be undone by one key.
   */
  private ConfigChange revert(Job job, String commit) {
    DeploymentChanged deployed =
        history
            .find(job.service(), commit)
            .map(DeploymentHistory.Deployed::change)
            .orElseThrow(
                () ->
                    new Refused(
                        "commit %s is not a recorded deployment of %s"
                            .formatted(commit, job.service())));
    if (deployed.changes().size() != 1) {
      throw new Refused(
          "commit %s changed %d keys; a revert pull request sets one"
              .formatted(commit, deployed.changes().size()));
    }
    ConfigChange recorded = deployed.changes().get(0);
    if (recorded.from() == null) {
      throw new Refused(
          "%s was not set before commit %s: there is no value to go back to"
              .formatted(recorded.key(), commit));
    }
    if (!recorded.key().equals(job.plan().change().key())) {
      throw new Refused(
          "the plan reverts %s, but commit %s changed %s"
              .formatted(job.plan().change().key(), commit, recorded.key()));
    }
    return new ConfigChange(configFile(job), recorded.key(), recorded.to(), recorded.from());
  }

  /** The change the rule gives from the value the repository holds now, whatever Brain read. */
  private ConfigChange change(Job job) {
    String file = configFile(job);
    Remediation rule =
        graph
            .remediation(job.service(), job.faultClass())
            .filter(r -> r.action() == RemediationAction.PULL_REQUEST)
            .or(() -> graph.remediation(job.service(), RemediationAction.PULL_REQUEST))
            .orElseThrow(() -> new Refused("no pull-request rule for " + job.service()));
    String current = changes.current(file, rule.key()).orElse(null);
    try {
      return new ConfigChange(file, rule.key(), current, rule.target(current));
    } catch (IllegalStateException e) {
      throw new Refused(e.getMessage());
    }
  }

  /**
   * A pull request merged before Fixer died, whether or not the redeploy that follows the merge
   * happened: the service is redeployed from the repository (the same configuration again changes
   * nothing), so the repository and the running service agree. One never merged was not carried
   * out; it is left open for a human.
   */
  @Override
  public Optional<Applied> appliedBeforeCrash(Job job, Instant requestedAt) {
    Optional<ConfigChanges.Existing> merged = mergedPullRequest(job);
    if (merged.isEmpty()) {
      return Optional.empty();
    }
    String file = configFile(job);
    Instant at = clock.instant();
    runtime.redeploy(job.service(), changes.environment(file));
    int number = merged.get().pullRequest();
    return Optional.of(
        new Applied(
            at,
            "pull request #%d was merged before Fixer restarted; %s redeployed from the repository through %s"
                .formatted(number, job.service(), runtime.describe()),
            number,
            merged.get().url()));
  }

  /** The merged pull request of an action applied before a restart, so it can be reverted. */
  @Override
  public Applied resumed(Job job, Instant appliedAt) {
    return mergedPullRequest(job)
        .map(
            pull ->
                new Applied(
                    appliedAt,
                    "merged pull request #%d before a restart".formatted(pull.pullRequest()),
                    pull.pullRequest(),
                    pull.url()))
        .orElseGet(() -> RemediationStrategy.super.resumed(job, appliedAt));
  }

  private Optional<ConfigChanges.Existing> mergedPullRequest(Job job) {
    try {
      return changes.pullRequestOf(job.incident().id()).filter(ConfigChanges.Existing::merged);
    } catch (GitOpsException e) {
      LOG.warnf(
          "incident %s: the repository did not say whether %s was merged: %s",
          job.incident().id(), job.actionId(), e.getMessage());
      return Optional.empty();
    }
  }

  private String configFile(Job job) {
    return graph
        .service(job.service())
        .map(KnowledgeGraph.Service::config)
        .orElseThrow(() -> new Refused(job.service() + " has no configuration file to change"));
  }

  @Override
  public RecoveryCheck.Outcome verify(Job job, Instant appliedAt) throws InterruptedException {
    return recovery.await(job.incident().id(), job.service(), appliedAt, deadline);
  }

  @Override
  public Optional<String> undo(Job job, Applied applied, String why) {
    if (applied.pullRequest() <= 0) {
      return Optional.empty(); // applied before a restart of Fixer: a human reverts it
    }
    String file = configFile(job);
    ConfigChanges.Merged restored = changes.revert(applied.pullRequest(), file, why);
    runtime.redeploy(job.service(), restored.environment());
    recordDeployment(
        job,
        restored,
        "revert of pull request #%d for incident %s: %s"
            .formatted(applied.pullRequest(), job.incident().id(), why));
    return Optional.of("revert of #" + applied.pullRequest());
  }

  private void recordDeployment(Job job, ConfigChanges.Merged merged, String reason) {
    if (merged.change() != null) {
      deployments.deployed(
          new DeploymentChanged(
              job.service(), merged.commit(), List.of(merged.change()), "fixer", reason));
    }
  }
}

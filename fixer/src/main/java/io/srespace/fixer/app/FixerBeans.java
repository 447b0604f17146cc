package io.srespace.fixer.app;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.srespace.board.Boards;
import io.srespace.board.CodeHost;
import io.srespace.board.IncidentBoard;
import io.srespace.events.DeploymentHistory;
import io.srespace.fixer.approval.Approvals;
import io.srespace.fixer.flow.ActionReport;
import io.srespace.fixer.flow.ApprovalGate;
import io.srespace.fixer.flow.DiagnosisAdmission;
import io.srespace.fixer.flow.IncidentNotes;
import io.srespace.fixer.flow.PullRequestStrategy;
import io.srespace.fixer.flow.RemediationFlow;
import io.srespace.fixer.flow.RemediationStrategy;
import io.srespace.fixer.flow.RestartStrategy;
import io.srespace.fixer.gitops.ChangeValidator;
import io.srespace.fixer.gitops.ConfigChanges;
import io.srespace.fixer.gitops.ConfigRepository;
import io.srespace.fixer.gitops.GitOpsChanges;
import io.srespace.fixer.gitops.PullRequestFixer;
import io.srespace.fixer.guardrails.Guardrails;
import io.srespace.fixer.runtime.CgroupCpu;
import io.srespace.fixer.runtime.ContainerRuntime;
import io.srespace.fixer.runtime.DockerConfig;
import io.srespace.fixer.runtime.DockerRuntime;
import io.srespace.fixer.runtime.KubernetesRuntime;
import io.srespace.fixer.runtime.SupervisorRuntime;
import io.srespace.fixer.state.ActionLog;
import io.srespace.fixer.verify.HealthProbe;
import io.srespace.fixer.verify.IncidentsSeen;
import io.srespace.fixer.verify.RecoveryCheck;
import io.srespace.knowledge.KnowledgeGraph;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/** Builds Fixer's parts from its configuration: the runtime, the repositories, the flow. */
public class FixerBeans {
  private static final Logger LOG = Logger.getLogger(FixerBeans.class);

  @Produces
  @Singleton
  KnowledgeGraph policy(FixerConfig config) {
    return KnowledgeGraph.load(Path.of(config.topology()));
  }

  @Produces
  @Singleton
  IncidentBoard board(FixerConfig config) {
    return config.board().incidentBoard("fixer");
  }

  @Produces
  @Singleton
  ContainerRuntime runtime(FixerConfig config, DockerConfig docker) {
    FixerConfig.Runtime runtime = config.runtime();
    return switch (runtime.kind()) {
      case "supervisor" ->
          new SupervisorRuntime(
              URI.create(runtime.supervisorUrl().replaceAll("/RPC2/?$", "")),
              runtime.timeout(),
              Path.of(runtime.environmentFolder()),
              runtime
                  .supervisorUser()
                  .map(
                      user ->
                          new SupervisorRuntime.Credentials(
                              user, runtime.supervisorPassword().orElse("")))
                  .orElse(null),
              Map.of());
      case "docker" -> new DockerRuntime(docker);
      case "kubernetes" ->
          new KubernetesRuntime(
              new KubernetesClientBuilder().build(), runtime.namespace(), runtime.timeout());
      default ->
          throw new IllegalArgumentException(
              "fixer.runtime.kind is '%s'; expected supervisor, docker or kubernetes"
                  .formatted(runtime.kind()));
    };
  }

  @Produces
  @Singleton
  Optional<ConfigChanges> configChanges(FixerConfig config, KnowledgeGraph policy) {
    CodeHost host =
        Boards.codeHost(config.board().github(), Path.of(config.gitops().repository()), "fixer");
    ConfigRepository repository = new ConfigRepository(host);
    List<String> seeded = repository.seedIfEmpty(Path.of(config.gitops().seed()));
    if (!seeded.isEmpty()) {
      LOG.infof("configuration repository seeded from %s: %s", config.gitops().seed(), seeded);
    }
    return Optional.of(
        new GitOpsChanges(
            new PullRequestFixer(
                repository,
                new ChangeValidator(policy.configRules(), policy.revertibleSettings()))));
  }

  /** The deployments read from {@code deployments}: what a revert is held to. */
  @Produces
  @Singleton
  DeploymentHistory deploymentHistory(KnowledgeGraph policy) {
    return new DeploymentHistory(policy::knows);
  }

  @Produces
  @Singleton
  ActionLog actionLog(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
    return ActionReplay.replay(kafka, Duration.ofSeconds(60));
  }

  @Produces
  @Singleton
  IncidentsSeen incidents() {
    return new IncidentsSeen(Clock.systemUTC());
  }

  @Produces
  @Singleton
  Guardrails guardrails(FixerConfig config, KnowledgeGraph policy, ActionLog log) {
    FixerConfig.Limits limits = config.limits();
    Guardrails guardrails =
        new Guardrails(
            policy,
            new Guardrails.Settings(
                config.killSwitch(),
                Path.of(config.killSwitchFile()),
                limits.perService(),
                limits.perServiceWindow(),
                limits.global(),
                limits.globalWindow(),
                limits.breakerFailures(),
                limits.breakerCooldown()),
            Clock.systemUTC());
    // A restarted Fixer keeps its limits: the actions of earlier runs count as its own.
    guardrails.restore(log.all());
    return guardrails;
  }

  /** The threads actions and their verifications run on, so a wait never blocks the consumer. */
  public record Workers(ExecutorService pool) {}

  @Produces
  @Singleton
  Workers workers(FixerConfig config) {
    return new Workers(Executors.newFixedThreadPool(config.workers()));
  }

  void stopWorkers(@Disposes Workers workers) {
    workers.pool().shutdownNow();
  }

  @Produces
  @Singleton
  RemediationFlow flow(
      FixerConfig config,
      KnowledgeGraph policy,
      Guardrails guardrails,
      ActionLog log,
      ActionPublisher publisher,
      DeploymentPublisher deployments,
      ContainerRuntime runtime,
      Optional<ConfigChanges> changes,
      IncidentsSeen incidents,
      IncidentBoard board,
      Workers workers,
      DeploymentHistory history) {
    Clock clock = Clock.systemUTC();
    RecoveryCheck recovery =
        new RecoveryCheck(
            incidents,
            new HealthProbe(Duration.ofSeconds(2)),
            policy,
            runtime,
            clock,
            Duration.ofMillis(250));
    List<RemediationStrategy> strategies = new ArrayList<>();
    strategies.add(
        new RestartStrategy(runtime, CgroupCpu.host(), recovery, config.verifyDeadline(), clock));
    changes.ifPresent(
        gitops ->
            strategies.add(
                new PullRequestStrategy(
                    gitops,
                    runtime,
                    policy,
                    recovery,
                    config.verifyDeadline(),
                    clock,
                    deployments,
                    history)));
    IncidentNotes notes = new IncidentNotes(board);
    Approvals approvals =
        new Approvals(
            board,
            new HashSet<>(config.approvers().orElse(List.of())),
            config.approverKeys().map(Path::of),
            clock,
            Duration.ofSeconds(2));
    return new RemediationFlow(
        new DiagnosisAdmission(
            incidents,
            new DiagnosisAdmission.Settings(
                "brain", config.diagnosisMaxAge(), config.incidentWait()),
            clock),
        guardrails,
        log,
        strategies,
        new ApprovalGate(approvals, notes, config.approvalTimeout(), clock),
        new ActionReport(publisher, notes, policy, clock),
        config.dryRun(),
        workers.pool());
  }

  /** Accounts, at start, for what a previous run left unfinished. */
  void resume(@Observes StartupEvent start, RemediationFlow flow) {
    flow.resumeAfterRestart();
  }
}

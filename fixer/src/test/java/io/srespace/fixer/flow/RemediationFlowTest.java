package io.srespace.fixer.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.srespace.board.Comment;
import io.srespace.board.IncidentBoard;
import io.srespace.board.Issue;
import io.srespace.board.approval.SignedApproval;
import io.srespace.board.local.LocalGitBoard;
import io.srespace.board.local.LocalGitCodeHost;
import io.srespace.events.Anomaly;
import io.srespace.events.ConfigChange;
import io.srespace.events.DeploymentChanged;
import io.srespace.events.DeploymentHistory;
import io.srespace.events.DiagnosisEvent;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentOpened;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationEvent;
import io.srespace.events.RemediationFailed;
import io.srespace.events.RemediationPlan;
import io.srespace.events.RemediationVerified;
import io.srespace.events.Severity;
import io.srespace.events.Signal;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.TimeWindow;
import io.srespace.fixer.approval.Approvals;
import io.srespace.fixer.gitops.ChangeValidator;
import io.srespace.fixer.gitops.ConfigChanges;
import io.srespace.fixer.gitops.ConfigRepository;
import io.srespace.fixer.gitops.GitOpsChanges;
import io.srespace.fixer.gitops.PullRequestFixer;
import io.srespace.fixer.guardrails.Guardrails;
import io.srespace.fixer.runtime.CgroupCpu;
import io.srespace.fixer.runtime.ContainerRuntime;
import io.srespace.fixer.runtime.ServiceStatus;
import io.srespace.fixer.state.ActionLog;
import io.srespace.fixer.verify.HealthProbe;
import io.srespace.fixer.verify.IncidentsSeen;
import io.srespace.fixer.verify.RecoveryCheck;
import io.srespace.knowledge.KnowledgeGraph;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow's logic on a real local board and a real health endpoint; the runtime is a recording
 * double of Fixer's own port (the adapters have their own tests against real runtimes).
 */
class RemediationFlowTest {
  static final Anomaly ANOMALY =
      new Anomaly(
          "a1",
          "user-service",
          null,
          Signal.HEALTH,
          3,
          0,
          "failed probes",
          new TimeWindow(Instant.now().minusSeconds(5), Instant.now()),
          List.of());
  @TempDir Path dir;
  HttpServer service;
  volatile int healthStatus = 200;
  final RecordingRuntime runtime = new RecordingRuntime();
  final List<Event<RemediationEvent>> published = new CopyOnWriteArrayList<>();
  final List<DeploymentChanged> deployed = new CopyOnWriteArrayList<>();
  final DeploymentHistory history = new DeploymentHistory();
  final ActionLog log = new ActionLog();
  final IncidentsSeen symptoms = new IncidentsSeen(Clock.systemUTC());
  final ExecutorService workers = Executors.newFixedThreadPool(2);
  IncidentBoard board;
  KnowledgeGraph policy;

  @BeforeEach
  void setUp() throws IOException {
    service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    service.createContext(
        "/q/health/live",
        exchange -> {
          exchange.sendResponseHeaders(healthStatus, -1);
          exchange.close();
        });
    service.start();
    Path topology = dir.resolve("topology.yaml");
    Files.writeString(
        topology,
        """
        services:
          user-service:
            url: http://127.0.0.1:%d
            health: /q/health/live
            owner: team-customers
            remediations:
              unavailable: {action: restart, why: it comes back}
              memory: {action: restart, why: a restart frees the heap}
          policy-service:
            url: http://127.0.0.1:%d
            health: /q/health/live
            owner: team-policies
            config: policy-service.env
            settings:
              RELEASE: {type: text, one_of: ["3.1.0", "3.2.0", "3.3.0"]}
              DB_POOL_MAX_SIZE: {type: integer, min: 1, max: 16}
            rollback: {why: what ran before was healthy}
            remediations:
              resource-exhaustion: {action: pull-request, key: DB_POOL_MAX_SIZE, value: x2, max: 16, approval: true, why: a bigger pool}
        """
            .formatted(service.getAddress().getPort(), service.getAddress().getPort()));
    policy = KnowledgeGraph.load(topology);
    board = LocalGitBoard.open(dir.resolve("board.git"), "scout");
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    service.stop(0);
    workers.shutdownNow();
    // A worker may still be writing its last comment to the board the test folder holds.
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void aDiagnosisNotFromBrainStaleOrForNoOpenIncidentIsRefusedAndNothingIsDone() throws Exception {
    Issue issue = open("INC-5");
    RemediationFlow flow = flow(false, Duration.ofSeconds(10), Set.of());
    DiagnosisMade plan = (DiagnosisMade) restart("INC-5", "user-service").data();

    flow.onDiagnosis(Event.of("anyone", "INC-5", issue.number(), plan));
    flow.onDiagnosis(
        Event.of("brain", "INC-5", issue.number(), Instant.parse("2020-01-01T00:00:00Z"), plan));
    flow.onDiagnosis(Event.of("brain", "INC-404", 1, plan));
    cleared("INC-5");
    flow.onDiagnosis(Event.of("brain", "INC-5", issue.number(), plan));
    Thread.sleep(300);

    assertThat(runtime.restarts.get()).isZero();
    assertThat(published)
        .extracting(event -> ((RemediationFailed) event.data()).reason())
        .satisfiesExactly(
            reason -> assertThat(reason).contains("comes from 'anyone', not from Brain"),
            reason -> assertThat(reason).contains("old; Fixer acts on one at most 120 s old"),
            reason ->
                assertThat(reason).contains("no open incident INC-5: its symptoms have cleared"));
    // An invented incident's issue number is not believed: nothing is said about it, anywhere.
    assertThat(published).extracting(Event::incidentId).containsOnly("INC-5");
    assertThat(board.comments(issue.number(), 0))
        .anySatisfy(comment -> assertThat(comment.body()).contains("not from Brain"));
  }

  @Test
  void symptomsClearedFromAnyoneButScoutOrDatedAheadProveNothing() throws Exception {
    open("INC-6");
    symptoms.record(Event.of("anyone", "INC-6", 6, new SymptomsCleared(Instant.now(), 10)));
    symptoms.record(
        Event.of(
            "scout",
            "INC-6",
            6,
            Instant.now().plus(Duration.ofDays(365)),
            new SymptomsCleared(Instant.now(), 10)));

    assertThat(symptoms.clearedAfter("INC-6", Instant.now().minusSeconds(60))).isEmpty();
    assertThat(symptoms.awaitOpened("INC-6", Duration.ZERO))
        .hasValueSatisfying(opened -> assertThat(opened.cleared()).isFalse());
  }

  @Test
  void aRedeliveredDiagnosisRestartsOnceAndTheRecoveryIsVerified() throws Exception {
    Issue issue = open("INC-1");
    Event<DiagnosisEvent> diagnosis = restart("INC-1", "user-service");
    RemediationFlow flow = flow(false, Duration.ofSeconds(10), Set.of());
    flow.onDiagnosis(diagnosis);
    flow.onDiagnosis(diagnosis);
    awaitTypes("RemediationRequested", "RemediationApplied");
    cleared("INC-1");
    awaitTypes("RemediationRequested", "RemediationApplied", "RemediationVerified");
    flow.onDiagnosis(diagnosis);
    Thread.sleep(300);

    assertThat(runtime.restarts.get()).isEqualTo(1);
    assertThat(types())
        .containsExactly("RemediationRequested", "RemediationApplied", "RemediationVerified");
    RemediationVerified verified = (RemediationVerified) published.get(2).data();
    assertThat(verified.evidence()).contains("symptoms cleared").contains("→ 200");
    awaitLabel(issue, "status: fixed");
  }

  @Test
  void aRestartThatDoesNotBringRecoveryIsEscalated() throws Exception {
    Issue issue = open("INC-2");
    healthStatus = 503;
    flow(false, Duration.ofSeconds(2), Set.of()).onDiagnosis(restart("INC-2", "user-service"));
    awaitTypes("RemediationRequested", "RemediationApplied", "RemediationFailed");
    RemediationFailed failed = (RemediationFailed) published.get(2).data();
    assertThat(failed.escalated()).isTrue();
    assertThat(failed.reason())
        .contains("not verified within 2 s")
        .contains("Scout has not cleared")
        .contains("→ 503");
    awaitLabel(issue, "status: escalated");
  }

  @Test
  void aServiceStarvedByItsCpuQuotaIsNotRestartedButALeakIs() throws Exception {
    // A real process held to 2 % of a CPU in a cgroup of its own, as a platform's limit holds it.
    Path cgroups = Path.of("/sys/fs/cgroup");
    Path group =
        Files.exists(cgroups.resolve("cgroup.controllers"))
            ? cgroups.resolve("sre-space-fixer-test")
            : cgroups.resolve("cpu/sre-space-fixer-test");
    assumeTrue(
        Files.isWritable(group.getParent()), "a CPU quota needs root and a cgroup file system");
    Files.createDirectories(group);
    if (Files.exists(group.resolve("cpu.max"))) {
      Files.writeString(group.resolve("cpu.max"), "2000 100000");
    } else {
      Files.writeString(group.resolve("cpu.cfs_period_us"), "100000");
      Files.writeString(group.resolve("cpu.cfs_quota_us"), "2000");
    }
    Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    try {
      Files.writeString(group.resolve("cgroup.procs"), Long.toString(busy.pid()));
      runtime.pid = busy.pid();
      open("INC-CPU");
      flow(false, Duration.ofSeconds(2), Set.of()).onDiagnosis(restart("INC-CPU", "user-service"));
      awaitTypes("RemediationRequested", "RemediationFailed");
      RemediationFailed failed = (RemediationFailed) published.get(1).data();
      assertThat(failed.escalated()).isTrue();
      assertThat(failed.reason())
          .contains("not restarted: user-service is starved of CPU")
          .contains("a CPU quota of 0.02 CPU held it back");
      assertThat(runtime.restarts.get()).isZero();

      open("INC-LEAK");
      flow(false, Duration.ofSeconds(2), Set.of())
          .onDiagnosis(
              diagnosis(
                  "INC-LEAK",
                  FaultClass.MEMORY,
                  new RemediationPlan(RemediationAction.RESTART, "user-service", null, "a leak")));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (runtime.restarts.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(runtime.restarts.get()).as("a full heap keeps any quota busy").isOne();
    } finally {
      busy.destroyForcibly().waitFor();
      Files.delete(group);
    }
  }

  @Test
  void anActionTheGraphDoesNotAllowIsRefusedAndRecorded() throws Exception {
    open("INC-3");
    Event<DiagnosisEvent> diagnosis =
        diagnosis(
            "INC-3",
            FaultClass.ERRORS,
            new RemediationPlan(RemediationAction.RESTART, "user-service", null, "errors"));
    flow(false, Duration.ofSeconds(2), Set.of()).onDiagnosis(diagnosis);
    awaitTypes("RemediationRequested", "RemediationFailed");
    assertThat(((RemediationFailed) published.get(1).data()).reason())
        .startsWith("refused: restart of user-service is not allowed for errors");
    assertThat(runtime.restarts.get()).isZero();
  }

  @Test
  void anApprovedChangeIsMergedOnTheRealRepositoryAndRevertedWhenRecoveryIsNotProven()
      throws Exception {
    Issue issue = open("INC-4");
    ConfigRepository repository = gitOps("# pool\nDB_POOL_MAX_SIZE=4\nOTHER=1\n");
    ConfigChanges changes = changes(repository);
    RemediationFlow flow =
        flow(false, Duration.ofSeconds(2), Set.of("alice"), Optional.of(changes));
    flow.onDiagnosis(pool("INC-4"));
    awaitTypes("RemediationRequested", "ApprovalRequested");
    String actionId = ((io.srespace.events.ApprovalRequested) published.get(1).data()).actionId();
    // On the local board an author is a name anyone writes: only alice's signature counts.
    LocalGitBoard.open(dir.resolve("board.git"), "alice")
        .comment(issue.number(), "/approve " + actionId);
    answer(issue.number(), actionId, true, mallory.getPrivate());
    answer(issue.number(), actionId, true, alice.getPrivate());
    awaitTypes(
        "RemediationRequested",
        "ApprovalRequested",
        "RemediationApplied",
        "RemediationRolledBack",
        "RemediationFailed");
    assertThat(runtime.redeploys)
        .containsExactly(
            Map.of("DB_POOL_MAX_SIZE", "8", "OTHER", "1"),
            Map.of("DB_POOL_MAX_SIZE", "4", "OTHER", "1"));
    assertThat(repository.read("policy-service.env"))
        .contains("# pool\nDB_POOL_MAX_SIZE=4\nOTHER=1\n");
    assertThat(deployed)
        .as("the merge and its revert, each recorded with its commit")
        .extracting(d -> d.changes().get(0).from() + "→" + d.changes().get(0).to(), d -> d.by())
        .containsExactly(tuple("4→8", "fixer"), tuple("8→4", "fixer"));
    assertThat(deployed)
        .extracting(DeploymentChanged::commit)
        .doesNotContainNull()
        .doesNotHaveDuplicates();
    assertThat(deployed.get(1).reason()).startsWith("revert of pull request #");
    assertThat(board.comments(issue.number(), 0))
        .map(Comment::body)
        .anyMatch(b -> b.contains("must be signed with the approver's key"))
        .anyMatch(b -> b.contains("the signature is not alice's"));
  }

  @Test
  void aRevertUndoesTheRecordedDeploymentWithTheValueBeforeItWhateverThePlanSays()
      throws Exception {
    Issue issue = open("INC-R");
    ConfigRepository repository = gitOps("RELEASE=3.3.0\nDB_POOL_MAX_SIZE=4\n");
    history.add(
        Instant.now().minusSeconds(60),
        new DeploymentChanged(
            "policy-service",
            "badc0de",
            List.of(new ConfigChange("policy-service.env", "RELEASE", "3.1.0", "3.3.0")),
            "operator",
            "release 3.3.0"));
    RemediationFlow flow =
        flow(false, Duration.ofSeconds(10), Set.of(), Optional.of(changes(repository)));
    // The plan asks for 3.2.0; the deployment it names ran 3.1.0 before, and that is what is set.
    flow.onDiagnosis(revert("INC-R", "badc0de", "3.2.0"));
    awaitTypes("RemediationRequested", "RemediationApplied");
    cleared("INC-R");
    awaitTypes("RemediationRequested", "RemediationApplied", "RemediationVerified");

    assertThat(repository.read("policy-service.env").orElseThrow()).contains("RELEASE=3.1.0\n");
    assertThat(runtime.redeploys)
        .containsExactly(Map.of("RELEASE", "3.1.0", "DB_POOL_MAX_SIZE", "4"));
    assertThat(((RemediationApplied) published.get(1).data()).detail())
        .contains("revert of badc0de: RELEASE 3.3.0→3.1.0");
    assertThat(deployed)
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.reason())
                    .isEqualTo("pull request #1 for incident INC-R: revert of commit badc0de"));
    awaitLabel(issue, "status: fixed");
  }

  @Test
  void aRevertOfADeploymentNotRecordedOrChangedSinceIsRefusedAndNothingIsMerged() throws Exception {
    open("INC-S");
    open("INC-T");
    ConfigRepository repository = gitOps("RELEASE=3.2.0\nDB_POOL_MAX_SIZE=4\n");
    history.add(
        Instant.now().minusSeconds(120),
        new DeploymentChanged(
            "policy-service",
            "older",
            List.of(new ConfigChange("policy-service.env", "RELEASE", "3.1.0", "3.3.0")),
            "operator",
            "release 3.3.0"));
    RemediationFlow flow =
        flow(false, Duration.ofSeconds(10), Set.of(), Optional.of(changes(repository)));

    flow.onDiagnosis(revert("INC-S", "f0rged", "3.1.0"));
    awaitTypes("RemediationRequested", "RemediationFailed");
    flow.onDiagnosis(revert("INC-T", "older", "3.1.0"));
    awaitTypes(
        "RemediationRequested", "RemediationFailed", "RemediationRequested", "RemediationFailed");

    assertThat(published)
        .map(Event::data)
        .filteredOn(RemediationFailed.class::isInstance)
        .map(failed -> ((RemediationFailed) failed).reason())
        .anyMatch(r -> r.contains("commit f0rged is not a recorded deployment of policy-service"))
        .anyMatch(r -> r.contains("RELEASE is 3.2.0 in policy-service.env, not 3.3.0"));
    assertThat(repository.read("policy-service.env").orElseThrow()).contains("RELEASE=3.2.0\n");
    assertThat(runtime.redeploys).isEmpty();
  }

  @Test
  void aDeniedOrUnansweredApprovalEscalatesWithoutActing() throws Exception {
    Issue issue = open("INC-5");
    RecordingChanges changes = new RecordingChanges();
    RemediationFlow flow =
        flow(false, Duration.ofSeconds(2), Set.of("alice"), Optional.of(changes));
    flow.onDiagnosis(pool("INC-5"));
    awaitTypes("RemediationRequested", "ApprovalRequested");
    String actionId = ((io.srespace.events.ApprovalRequested) published.get(1).data()).actionId();
    answer(issue.number(), actionId, false, alice.getPrivate());
    awaitTypes("RemediationRequested", "ApprovalRequested", "RemediationFailed");
    assertThat(((RemediationFailed) published.get(2).data()).reason()).isEqualTo("denied by alice");

    published.clear();
    open("INC-6");
    flow.onDiagnosis(pool("INC-6"));
    awaitTypes("RemediationRequested", "ApprovalRequested", "RemediationFailed");
    assertThat(((RemediationFailed) published.get(2).data()).reason())
        .isEqualTo("no approval within 1 s");
    assertThat(changes.merged.get()).isZero();
  }

  @Test
  void theKillSwitchFileStopsActionsAtOnce() throws Exception {
    open("INC-7");
    Files.createFile(dir.resolve("stop"));
    flow(false, Duration.ofSeconds(2), Set.of()).onDiagnosis(restart("INC-7", "user-service"));
    awaitTypes("RemediationRequested", "RemediationFailed");
    assertThat(((RemediationFailed) published.get(1).data()).reason()).contains("kill switch file");
    assertThat(runtime.restarts.get()).isZero();
  }

  @Test
  void aDryRunSaysWhatItWouldDoAndDoesNothing() throws Exception {
    open("INC-8");
    flow(true, Duration.ofSeconds(2), Set.of()).onDiagnosis(restart("INC-8", "user-service"));
    awaitTypes("RemediationRequested", "RemediationFailed");
    assertThat(((RemediationFailed) published.get(1).data()).reason())
        .startsWith("dry run: restart user-service");
    assertThat(runtime.restarts.get()).isZero();
  }

  @Test
  void aRestartedFixerVerifiesWhatItAppliedAndReportsWhatItHadNotWithoutActingAgain()
      throws Exception {
    open("INC-9");
    open("INC-10");
    RemediationFlow first = flow(false, Duration.ofSeconds(30), Set.of());
    first.onDiagnosis(restart("INC-9", "user-service"));
    awaitTypes("RemediationRequested", "RemediationApplied");
    // A second action was asked for when the process died, before it was carried out.
    Event<DiagnosisEvent> pending = restart("INC-10", "quote-service");
    log.apply(
        pending.next(
            "fixer",
            new io.srespace.events.RemediationRequested(
                "act-pending", ((DiagnosisMade) pending.data()).plan(), pending.eventId())));
    workers.shutdownNow();

    ExecutorService again = Executors.newFixedThreadPool(2);
    try {
      published.clear();
      RemediationFlow restarted =
          flow(false, Duration.ofSeconds(10), Set.of(), Optional.empty(), again);
      restarted.resumeAfterRestart();
      cleared("INC-9");
      awaitTypes("RemediationFailed", "RemediationVerified");
      assertThat(((RemediationFailed) published.get(0).data()).reason()).contains("not repeated");
      restarted.onDiagnosis(pending);
      Thread.sleep(300);
      assertThat(runtime.restarts.get()).isEqualTo(1);
    } finally {
      again.shutdownNow();
    }
  }

  @Test
  void aRestartCarriedOutJustBeforeFixerDiedIsVerifiedNotReportedFailedNorRepeated()
      throws Exception {
    open("INC-11");
    Event<DiagnosisEvent> asked = restart("INC-11", "user-service");
    log.apply(
        asked.next(
            "fixer",
            new io.srespace.events.RemediationRequested(
                "act-crashed", ((DiagnosisMade) asked.data()).plan(), asked.eventId())));
    // The runtime restarted it; Fixer died before it wrote RemediationApplied.
    runtime.started.put("user-service", Instant.now());

    RemediationFlow restarted = flow(false, Duration.ofSeconds(10), Set.of());
    restarted.resumeAfterRestart();
    cleared("INC-11");
    awaitTypes("RemediationApplied", "RemediationVerified");

    assertThat(published).extracting(Event::type).doesNotContain("RemediationFailed");
    assertThat(runtime.restarts).as("not restarted again").hasValue(0);
  }

  @Test
  void aPullRequestMergedJustBeforeFixerDiedIsRedeployedAndVerifiedOneNeverMergedIsLeftOpen()
      throws Exception {
    Issue merged = open("INC-12");
    Issue proposed = open("INC-13");
    ConfigChanges changes = changes(gitOps("DB_POOL_MAX_SIZE=4\nOTHER=1\n"));
    // The previous Fixer merged INC-12's pull request and died before the redeploy; it had only
    // opened INC-13's.
    ConfigChange change = new ConfigChange("policy-service.env", "DB_POOL_MAX_SIZE", "4", "8");
    int pull =
        changes.propose("INC-12", merged.number(), "policy-service", change, "r").pullRequest();
    changes.merge(pull, "policy-service.env");
    changes.propose("INC-13", proposed.number(), "policy-service", change, "r");
    for (String incident : List.of("INC-12", "INC-13")) {
      Event<DiagnosisEvent> asked = pool(incident);
      log.apply(
          asked.next(
              "fixer",
              new io.srespace.events.RemediationRequested(
                  "act-" + incident, ((DiagnosisMade) asked.data()).plan(), asked.eventId())));
    }

    RemediationFlow restarted =
        flow(false, Duration.ofSeconds(10), Set.of("alice"), Optional.of(changes));
    restarted.resumeAfterRestart();
    cleared("INC-12");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline && !types().contains("RemediationVerified")) {
      Thread.sleep(50);
    }
    assertThat(types())
        .containsExactlyInAnyOrder(
            "RemediationFailed", "RemediationApplied", "RemediationVerified");

    assertThat(runtime.redeploys)
        .as("the merged configuration reaches the service once")
        .containsExactly(Map.of("DB_POOL_MAX_SIZE", "8", "OTHER", "1"));
    assertThat(published)
        .filteredOn(event -> event.incidentId().equals("INC-12"))
        .extracting(Event::type)
        .containsExactly("RemediationApplied", "RemediationVerified");
    assertThat(
            ((RemediationApplied)
                    published.stream()
                        .filter(e -> e.data() instanceof RemediationApplied)
                        .findFirst()
                        .orElseThrow()
                        .data())
                .detail())
        .contains("#" + pull + " was merged before Fixer restarted");
    assertThat(published)
        .filteredOn(event -> event.incidentId().equals("INC-13"))
        .extracting(event -> ((RemediationFailed) event.data()).reason())
        .singleElement()
        .asString()
        .contains("not repeated");
  }

  private final KeyPair alice = SignedApproval.newKeys();
  private final KeyPair mallory = SignedApproval.newKeys();

  /** The approvers' folder: alice's public key only. */
  private Path approverKeys() {
    Path keys = dir.resolve("approver-keys");
    try {
      Files.createDirectories(keys);
      Files.writeString(keys.resolve("alice.pub"), SignedApproval.encode(alice.getPublic()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return keys;
  }

  /** A comment signed with {@code key}, claiming to be alice's, valid for ten minutes. */
  private void answer(int issue, String actionId, boolean approve, PrivateKey key) {
    LocalGitBoard.open(dir.resolve("board.git"), "alice")
        .comment(
            issue,
            SignedApproval.sign(
                    approve, actionId, issue, Instant.now().plusSeconds(600), "alice", key)
                .line());
  }

  /** A real GitOps repository seeded with policy-service's file holding {@code env}. */
  private ConfigRepository gitOps(String env) throws IOException {
    Path seed = Files.createDirectories(dir.resolve("seed"));
    Files.writeString(seed.resolve("policy-service.env"), env);
    ConfigRepository repository =
        new ConfigRepository(LocalGitCodeHost.open(dir.resolve("gitops.git"), "fixer"));
    repository.seedIfEmpty(seed);
    return repository;
  }

  /** Fixer's pull requests on {@code repository}, validated by the test's graph. */
  private ConfigChanges changes(ConfigRepository repository) {
    return new GitOpsChanges(
        new PullRequestFixer(
            repository, new ChangeValidator(policy.configRules(), policy.revertibleSettings())));
  }

  private RemediationFlow flow(boolean dryRun, Duration verify, Set<String> approvers) {
    return flow(dryRun, verify, approvers, Optional.empty());
  }

  private RemediationFlow flow(
      boolean dryRun, Duration verify, Set<String> approvers, Optional<ConfigChanges> changes) {
    return flow(dryRun, verify, approvers, changes, workers);
  }

  private RemediationFlow flow(
      boolean dryRun,
      Duration verify,
      Set<String> approvers,
      Optional<ConfigChanges> changes,
      ExecutorService pool) {
    Clock clock = Clock.systemUTC();
    Guardrails guardrails =
        new Guardrails(
            policy,
            new Guardrails.Settings(
                false,
                dir.resolve("stop"),
                3,
                Duration.ofMinutes(10),
                10,
                Duration.ofMinutes(10),
                3,
                Duration.ofMinutes(5)),
            clock);
    ActionSink sink =
        event -> {
          log.apply(event);
          published.add(event);
        };
    RecoveryCheck recovery =
        new RecoveryCheck(
            symptoms,
            new HealthProbe(Duration.ofSeconds(1)),
            policy,
            runtime,
            clock,
            Duration.ofMillis(100));
    IncidentBoard fixerBoard = LocalGitBoard.open(dir.resolve("board.git"), "fixer");
    IncidentNotes notes = new IncidentNotes(fixerBoard);
    List<RemediationStrategy> strategies = new ArrayList<>();
    strategies.add(new RestartStrategy(runtime, CgroupCpu.host(), recovery, verify, clock));
    changes.ifPresent(
        gitops ->
            strategies.add(
                new PullRequestStrategy(
                    gitops, runtime, policy, recovery, verify, clock, deployed::add, history)));
    return new RemediationFlow(
        new DiagnosisAdmission(
            symptoms,
            new DiagnosisAdmission.Settings("brain", Duration.ofMinutes(2), Duration.ZERO),
            clock),
        guardrails,
        log,
        strategies,
        new ApprovalGate(
            new Approvals(
                fixerBoard, approvers, Optional.of(approverKeys()), clock, Duration.ofMillis(100)),
            notes,
            Duration.ofSeconds(1),
            clock),
        new ActionReport(sink, notes, policy, clock),
        dryRun,
        pool);
  }

  /** Scout opens the incident's issue, then says so on scout.incidents. */
  private Issue open(String incidentId) {
    Issue issue =
        board.open(
            incidentId,
            "incident " + incidentId,
            IncidentBoard.marker(incidentId),
            Set.of("incident"));
    symptoms.record(
        Event.of(
            "scout",
            incidentId,
            issue.number(),
            new IncidentOpened(
                "incident " + incidentId,
                Severity.CRITICAL,
                List.of(),
                List.of(ANOMALY),
                Instant.now())));
    return issue;
  }

  private void cleared(String incidentId) {
    int issue = board.findOpen(incidentId).map(Issue::number).orElse(99);
    symptoms.record(Event.of("scout", incidentId, issue, new SymptomsCleared(Instant.now(), 10)));
  }

  private Event<DiagnosisEvent> restart(String incidentId, String service) {
    return diagnosis(
        incidentId,
        FaultClass.UNAVAILABLE,
        new RemediationPlan(RemediationAction.RESTART, service, null, "it is down"));
  }

  private Event<DiagnosisEvent> pool(String incidentId) {
    return diagnosis(
        incidentId,
        FaultClass.RESOURCE_EXHAUSTION,
        new RemediationPlan(
            RemediationAction.PULL_REQUEST,
            "policy-service",
            new ConfigChange("policy-service.env", "DB_POOL_MAX_SIZE", "4", "8"),
            "pool runs dry"));
  }

  private Event<DiagnosisEvent> revert(String incidentId, String commit, String to) {
    return diagnosis(
        incidentId,
        FaultClass.ERRORS,
        new RemediationPlan(
            RemediationAction.PULL_REQUEST,
            "policy-service",
            new ConfigChange("policy-service.env", "RELEASE", "3.3.0", to),
            "released just before",
            commit));
  }

  /** Brain's diagnosis, naming the issue Scout opened for the incident. */
  private Event<DiagnosisEvent> diagnosis(
      String incidentId, FaultClass faultClass, RemediationPlan plan) {
    int issue = board.findOpen(incidentId).orElseThrow().number();
    return Event.of(
        "brain",
        incidentId,
        issue,
        new DiagnosisMade(List.of(), faultClass, 0.8, plan, "s", List.of()));
  }

  /** The board is written after the event is published: wait for the label. */
  private void awaitLabel(Issue issue, String label) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline
        && !board.issue(issue.number()).orElseThrow().labels().contains(label)) {
      Thread.sleep(50);
    }
    assertThat(board.issue(issue.number()).orElseThrow().labels()).contains(label);
  }

  private List<String> types() {
    return published.stream().map(Event::type).toList();
  }

  private void awaitTypes(String... types) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline && !types().equals(List.of(types))) {
      Thread.sleep(50);
    }
    assertThat(types()).containsExactly(types);
  }

  /** Counts what it was asked to do. */
  static final class RecordingRuntime implements ContainerRuntime {
    final AtomicInteger restarts = new AtomicInteger();
    final List<Map<String, String>> redeploys = new CopyOnWriteArrayList<>();
    final Map<String, Instant> started = new java.util.concurrent.ConcurrentHashMap<>();
    volatile long pid;

    @Override
    public void restart(String service) {
      restarts.incrementAndGet();
      started.put(service, Instant.now());
    }

    @Override
    public void redeploy(String service, Map<String, String> environment) {
      redeploys.add(environment);
    }

    @Override
    public ServiceStatus status(String service) {
      return new ServiceStatus(
          service, ServiceStatus.State.RUNNING, "recorded", started.get(service));
    }

    @Override
    public OptionalLong hostPid(String service) {
      return pid == 0 ? OptionalLong.empty() : OptionalLong.of(pid);
    }

    @Override
    public String describe() {
      return "a recording runtime";
    }
  }

  /** A configuration repository that accepts every change and counts merges and reverts. */
  static final class RecordingChanges implements ConfigChanges {
    final AtomicInteger merged = new AtomicInteger();
    final AtomicInteger reverted = new AtomicInteger();

    @Override
    public Optional<String> current(String file, String key) {
      return Optional.of("4");
    }

    @Override
    public Proposal propose(
        String incidentId,
        Integer issue,
        String service,
        ConfigChange change,
        String reason,
        String reverts) {
      return new Proposal(true, 1, "pr-1", List.of());
    }

    @Override
    public Merged merge(int pullRequest, String file) {
      merged.incrementAndGet();
      return new Merged(
          "c0ffee",
          new ConfigChange(file, "DB_POOL_MAX_SIZE", "4", "8"),
          Map.of("DB_POOL_MAX_SIZE", "8"));
    }

    @Override
    public Optional<Existing> pullRequestOf(String incidentId) {
      return merged.get() > 0 ? Optional.of(new Existing(1, "pr-1", true)) : Optional.empty();
    }

    @Override
    public Map<String, String> environment(String file) {
      return Map.of("DB_POOL_MAX_SIZE", merged.get() > reverted.get() ? "8" : "4");
    }

    @Override
    public Merged revert(int pullRequest, String file, String reason) {
      reverted.incrementAndGet();
      return new Merged(
          "decaf",
          new ConfigChange(file, "DB_POOL_MAX_SIZE", "8", "4"),
          Map.of("DB_POOL_MAX_SIZE", "4"));
    }
  }
}

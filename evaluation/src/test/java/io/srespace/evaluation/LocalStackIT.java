package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.board.approval.SignedApproval;
import io.srespace.board.local.LocalGitBoard;
import io.srespace.events.ApprovalRequested;
import io.srespace.events.Event;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationPlan;
import io.srespace.events.kafka.Credentials;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Topics;
import io.srespace.ops.chaos.FaultAdmin;
import io.srespace.ops.stack.Stack;
import io.srespace.ops.stack.StackConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The self-healing loop end to end, as {@code ./sre-space demo} runs it: the launcher starts the
 * whole local stack under supervisord (a real Kafka broker, Chroma, Jaeger, the demo services, the
 * traffic generator, the four agents and the console as processes, on ports and in a folder of
 * their own set by the build), then the guided tour injects kill, conversion-break, db-pool and a
 * bad release in turn, while the console's page stays open in a real browser. Each must open
 * exactly one incident, be diagnosed with the right service and class, be remediated by the right
 * action, be verified, leave a post-mortem Memory finds, and close its issue; the page shows it all
 * without a reload, signs a person's answer to Fixer in the browser, and refuses its chaos lab
 * until the lab is turned on, then injects with it. How fast is measured by {@code ./sre-space
 * eval}, not asserted here: a slow machine is not a wrong answer. The stack is stopped even when
 * the test fails; its logs stay in {@code target/e2e-stack/logs}.
 */
class LocalStackIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path HOME = Path.of(System.getenv("SRE_SPACE_HOME"));
  private static final Duration WARM_UP = Duration.ofSeconds(30);

  @BeforeAll
  static void up() throws Exception {
    // A stack left by an earlier run of this test is stopped and its data removed first.
    launcher(Duration.ofMinutes(1), "down", "--wipe");
    launcher(Duration.ofMinutes(5), "up");
    // Scout learns the normal conversion of quotes into purchases before the first fault.
    Thread.sleep(WARM_UP.toMillis());
  }

  @AfterAll
  static void down() throws Exception {
    launcher(Duration.ofMinutes(2), "down");
  }

  @Test
  void killConversionBreakDbPoolAndABadReleaseAreEachHealedEndToEnd() throws Exception {
    Settings settings =
        Settings.parse(
            List.of(
                "--mode", "tour",
                "--root", ROOT.toString(),
                "--json", HOME.resolve("tour.json").toString()),
            System.getenv());

    // The console's page is open in a browser through the whole tour and never reloaded.
    try (ConsolePage page =
        ConsolePage.open(
            Stack.of(ROOT, System.getenv()).url("console"), HOME.resolve("screenshots"))) {
      page.await(
          "the console's charts drawn", Duration.ofSeconds(30), browser -> page.chartsDrawn());

      Report report = Evaluation.run(settings);

      tourHealed(report);
      consoleShowedIt(page, report);
      anApprovalIsSignedInThePage(page, report);
      chaosLabRefusedWhileOff(page);
      chaosLabInjectsOnceOn(page);
    }
  }

  /**
   * An action waits for a person (here a request for approval published as Fixer on the first
   * incident's issue: the tour's faults need none): the page signs alice's answer with her key in
   * the browser, and the board's issue then holds her line, whose signature is hers by the same
   * check Fixer makes.
   */
  private static void anApprovalIsSignedInThePage(ConsolePage page, Report report)
      throws Exception {
    launcher(Duration.ofMinutes(1), "approver", "add", "alice");
    Stack stack = Stack.of(ROOT, System.getenv());
    RunResult first = report.runs().get(0);
    int issue = page.issueOf(first.incidentId());
    String incident = first.incidentId() + "-approval";
    String actionId = "act-" + incident + "-1";
    ApprovalRequested request =
        new ApprovalRequested(
            actionId,
            new RemediationPlan(
                RemediationAction.RESTART,
                "policy-service",
                null,
                "the page's approval test",
                null),
            List.of("alice"),
            Instant.now().plusSeconds(600));
    Map<String, Object> fixer =
        KafkaClients.config(
            stack.bootstrap(), "fixer", Credentials.existingPassword(stack.credentials(), "fixer"));
    try (EventPublisher publisher = new EventPublisher(fixer, "approval-test")) {
      publisher.publish(Topics.FIXER_ACTIONS, Event.of("fixer", incident, issue, request));
    }
    page.await(
        incident + " awaiting approval on the page",
        Duration.ofSeconds(30),
        browser -> "AWAITING_APPROVAL".equals(page.incidents().get(incident)));
    page.select(incident);

    String said =
        page.approve("alice", Files.readString(HOME.resolve("approvers/alice.key")).strip());

    assertThat(said).contains("alice approved " + actionId + " on #" + issue);
    page.screenshot("console-approval", "#approval");
    PublicKey alice =
        SignedApproval.publicKey(Files.readString(HOME.resolve("approver-keys/alice.pub")));
    try (LocalGitBoard board = LocalGitBoard.open(stack.board(), "evaluator")) {
      List<SignedApproval> answers =
          board.comments(issue, 0).stream()
              .flatMap(comment -> SignedApproval.find(comment.body(), actionId).stream())
              .toList();
      assertThat(answers)
          .singleElement()
          .satisfies(
              answer -> {
                assertThat(answer.approve()).isTrue();
                assertThat(answer.approver()).isEqualTo("alice");
                assertThat(answer.issue()).isEqualTo(issue);
                assertThat(answer.signedBy(alice))
                    .as("alice's signature, made in the browser")
                    .isTrue();
              });
    }
  }

  /** Without the setting the lab says it is off and the console refuses what the page asks. */
  private static void chaosLabRefusedWhileOff(ConsolePage page) {
    assertThat(page.labEnabled()).as("the chaos lab on without the setting").isFalse();
    assertThat(page.labWhy()).contains("the chaos lab is off");
    assertThat(page.changeFromPage("POST", "/api/chaos/user-service/latency"))
        .startsWith("403 ")
        .contains("the chaos lab is off");
  }

  /**
   * Turned on (up again with SRE_SPACE_CHAOS_LAB=on: only the console restarts), the lab switches a
   * fault on in a running service and off again, as the service's own admin listing shows.
   */
  private static void chaosLabInjectsOnceOn(ConsolePage page) throws Exception {
    launcher(Map.of(StackConf.CHAOS_LAB, "on"), Duration.ofMinutes(3), "up");
    Stack stack = Stack.of(ROOT, System.getenv());
    FaultAdmin admin = new FaultAdmin(stack::url, stack.adminToken());
    page.reload();
    page.await("the chaos lab on", Duration.ofSeconds(60), browser -> page.labEnabled());

    page.inject("user-service", "latency", 120);
    page.await(
        "latency on in user-service, as its admin listing says",
        Duration.ofSeconds(15),
        browser -> latencyOn(admin));
    page.screenshot("console-chaos-lab", "#chaos-lab");
    assertThat(page.labResult()).contains("latency switched on in user-service");

    page.switchOff("user-service", "latency");
    page.await(
        "latency off again in user-service", Duration.ofSeconds(15), browser -> !latencyOn(admin));
  }

  private static boolean latencyOn(FaultAdmin admin) {
    try {
      return admin
          .list("user-service")
          .replace(" ", "")
          .matches("(?s).*\\{\"fault\":\"latency\",\"active\":true.*");
    } catch (IOException e) {
      return false;
    }
  }

  /** Each fault healed end to end; the bad release by its revert. */
  private static void tourHealed(Report report) throws Exception {
    assertThat(report.runs())
        .extracting(RunResult::fault)
        .containsExactly("kill", "conversion-break", "db-pool", "bad-release");
    SoftAssertions softly = HealedRuns.each(report, HOME.resolve("logs").toString());
    // The bad release is healed by reverting its commit, not by a restart or a rule's value.
    softly
        .assertThat(git("log", "--format=%s"))
        .as("the GitOps repository's history")
        .containsPattern("(?m)^Release user-service 1\\.6\\.0$")
        .containsPattern(
            "(?m)^sre: revert [0-9a-f]{12} on user-service RELEASE 1\\.6\\.0→1\\.4\\.0");
    softly.assertAll();
  }

  /** Every incident of the tour reached the page, resolved, with its timeline, without a reload. */
  private static void consoleShowedIt(ConsolePage page, Report report) throws Exception {
    List<String> incidents = report.runs().stream().map(RunResult::incidentId).toList();
    page.await(
        "the tour's incidents resolved on the console: " + incidents,
        Duration.ofSeconds(30),
        browser -> incidents.stream().allMatch(id -> "RESOLVED".equals(page.incidents().get(id))));
    assertThat(page.feedAgents()).as("agents in the live feed").contains("scout", "brain", "fixer");
    page.select(incidents.get(0));
    assertThat(page.timelineStages())
        .as("the kill's timeline")
        .contains(
            "DETECTED", "DIAGNOSED", "ACTION_APPLIED", "VERIFIED", "POSTMORTEM", "REMEMBERED");
    page.screenshot("console-timeline", "#timeline");
    page.screenshot("console-charts", "#business");
    page.screenshot("console", null);
    assertThat(page.overflowAt(1280)).as("what sticks out at 1280 px").isEmpty();
    assertThat(page.overflowAt(390))
        .as("what sticks out of a phone-sized window (390 px)")
        .isEmpty();
    page.screenshot("console-phone", null);
  }

  /** git on the stack's GitOps repository; its output. */
  private static String git(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("git", "--git-dir", HOME.resolve("gitops.git").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("git %s: %s", String.join(" ", args), output).isZero();
    return output;
  }

  /** Runs {@code ./sre-space ARGS} with this build's stack settings; fails on a non-zero exit. */
  private static void launcher(Duration limit, String... args)
      throws IOException, InterruptedException {
    launcher(Map.of(), limit, args);
  }

  /** The same, with {@code settings} added to the environment. */
  private static void launcher(Map<String, String> settings, Duration limit, String... args)
      throws IOException, InterruptedException {
    Files.createDirectories(HOME);
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("sre-space").toString()));
    command.addAll(List.of(args));
    Path log = HOME.resolve("launcher-" + args[0] + ".log");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(settings);
    Process process =
        builder
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("./sre-space " + String.join(" ", args) + " took over " + limit);
    }
    assertThat(process.exitValue())
        .as(
            "./sre-space %s exit code; its output:%n%s",
            String.join(" ", args), Files.readString(log))
        .isZero();
  }
}

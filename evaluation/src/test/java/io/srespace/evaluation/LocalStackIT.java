package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.ops.stack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * action, be verified, leave a post-mortem Memory finds, and close its issue. How fast is measured
 * by {@code ./sre-space eval}, not asserted here: a slow machine is not a wrong answer. The stack
 * is stopped even when the test fails; its logs stay in {@code target/e2e-stack/logs}.
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
        .contains("DETECTED", "DIAGNOSED", "ACTION_APPLIED", "VERIFIED");
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
    Files.createDirectories(HOME);
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("sre-space").toString()));
    command.addAll(List.of(args));
    Path log = HOME.resolve("launcher-" + args[0] + ".log");
    Process process =
        new ProcessBuilder(command)
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

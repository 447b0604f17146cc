package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srespace.ops.stack.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The self-healing loop end to end in Compose mode, as a user runs it: {@code ./sre-space images}
 * builds every image from this repository, {@code docker compose up -d --wait} starts the project's
 * broker, Jaeger, Chroma, the demo system and the four agents as containers, and the tour injects a
 * kill (healed by Fixer restarting the container through the Docker API) and a bad release (healed
 * by a revert merged on the GitOps repository and the container created anew with it). Each must
 * open one incident, be diagnosed right, be remediated by the right action, be verified, leave a
 * post-mortem Memory finds, and close its issue; the console's container shows each resolved and
 * remembered. The project ({@code COMPOSE_PROJECT_NAME}) and its folder ({@code
 * SRE_SPACE_COMPOSE_HOME}) are this build's own; the containers' logs are kept in that folder.
 */
class ComposeStackIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path HOME = Path.of(System.getenv("SRE_SPACE_COMPOSE_HOME"));
  private static final Duration WARM_UP = Duration.ofSeconds(30);

  @BeforeAll
  static void up() throws Exception {
    // What an earlier run of this test left is removed first: containers, volumes, the folder.
    run(Duration.ofMinutes(2), "docker", "compose", "down", "--volumes", "--remove-orphans");
    deleteRecursively(HOME);
    Files.createDirectories(HOME);
    run(Duration.ofMinutes(20), ROOT.resolve("sre-space").toString(), "images");
    run(Duration.ofMinutes(6), "docker", "compose", "up", "--detach", "--wait");
    Thread.sleep(WARM_UP.toMillis());
  }

  @AfterAll
  static void down() throws Exception {
    try {
      run(
          Duration.ofMinutes(1),
          "sh",
          "-c",
          "docker compose logs --no-color --timestamps > '" + HOME.resolve("containers.log") + "'");
    } finally {
      run(Duration.ofMinutes(2), "docker", "compose", "down", "--volumes", "--remove-orphans");
    }
  }

  @Test
  void aKillAndABadReleaseAreEachHealedEndToEndInContainers() throws Exception {
    Settings settings =
        Settings.parse(
            List.of(
                "--mode",
                "tour",
                "--compose",
                "--faults",
                "kill,bad-release",
                "--root",
                ROOT.toString(),
                "--json",
                HOME.resolve("tour.json").toString()),
            System.getenv());

    Report report = Evaluation.run(settings);

    assertThat(report.runs()).extracting(RunResult::fault).containsExactly("kill", "bad-release");
    SoftAssertions softly = HealedRuns.each(report, HOME.resolve("containers.log").toString());
    // Healed by reverting the release's commit, and the container runs the reverted release.
    softly
        .assertThat(
            run(
                Duration.ofSeconds(30),
                "git",
                "-c",
                "safe.directory=*",
                "--git-dir",
                HOME.resolve("gitops.git").toString(),
                "log",
                "--format=%s"))
        .as("the GitOps repository's history")
        .containsPattern("(?m)^Release user-service 1\\.6\\.0$")
        .containsPattern(
            "(?m)^sre: revert [0-9a-f]{12} on user-service RELEASE 1\\.6\\.0→1\\.4\\.0");
    softly
        .assertThat(
            run(
                Duration.ofSeconds(30),
                "sh",
                "-c",
                "docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}'"
                    + " $(docker compose ps --quiet user-service)"))
        .as("user-service's container environment")
        .containsPattern("(?m)^RELEASE=1\\.4\\.0$");
    softly.assertAll();
    consoleFollowedIt(report);
  }

  /**
   * The console's container read every agent's topic as its own user: each incident is resolved on
   * it, through to Memory's "remembered" step.
   */
  private static void consoleFollowedIt(Report report) throws Exception {
    URI console = Stack.compose(ROOT, System.getenv()).url("console");
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    for (RunResult run : report.runs()) {
      URI incident = URI.create(console + "/api/incidents/" + run.incidentId());
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      String last = "";
      boolean followed = false;
      while (!followed && System.nanoTime() < deadline) {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(incident).build(), HttpResponse.BodyHandlers.ofString());
        last = answer.statusCode() + " " + answer.body();
        if (answer.statusCode() == 200) {
          JsonNode view = json.readTree(answer.body());
          followed =
              view.path("state").asText().equals("RESOLVED")
                  && view.path("steps").findValuesAsText("stage").contains("REMEMBERED");
        }
        if (!followed) {
          Thread.sleep(500);
        }
      }
      assertThat(followed)
          .as("%s resolved and remembered on the console; it said: %s", run.incidentId(), last)
          .isTrue();
    }
  }

  /** Runs a command in the repository with this build's Compose settings; its output. */
  private static String run(Duration limit, String... command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("compose-it-", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(ROOT.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " took over " + limit);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(process.exitValue())
          .as("%s exit code; its output:%n%s", String.join(" ", command), output)
          .isZero();
      return output;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (var paths = Files.walk(folder)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

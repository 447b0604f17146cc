package io.srespace.fixer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.fixer.runtime.ServiceStatus.State;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SupervisorRuntimeTest {
  private static final String DEMO = "demo-service";
  private static final String BROKEN = "broken-service";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Sources its environment file, writes "pid GREETING OTHER" to a file, then waits. */
  private static final String DEMO_COMMAND =
      "bash -c 'set -a; f={folder}/env/demo-service.env; [ -f $f ] && . $f;"
          + " echo \"$$ ${GREETING:-} ${OTHER:-}\" > {folder}/demo-service.out; exec sleep 1000'";

  private static SupervisorProcess supervisor;
  private static SupervisorRuntime runtime;

  @BeforeAll
  static void startSupervisor() {
    supervisor =
        SupervisorProcess.builder()
            .credentials("fixer", "s3cret")
            .program(DEMO, DEMO_COMMAND)
            .program(BROKEN, "bash -c 'echo cannot start; exit 3'", Map.of("autostart", "false"))
            .start();
    runtime = supervisor.runtime(TIMEOUT);
  }

  @AfterAll
  static void stopSupervisor() {
    if (supervisor != null) {
      supervisor.close();
    }
  }

  @BeforeEach
  void demoRunsWithoutAnEnvironmentFile() throws Exception {
    Files.deleteIfExists(runtime.environmentFile(DEMO));
    try {
      supervisor.call("supervisor.startProcess", DEMO, true);
    } catch (XmlRpcClient.Fault alreadyStarted) {
      supervisor.awaitState(DEMO, "RUNNING", TIMEOUT);
    }
  }

  @Test
  void reportsARunningProgramWithItsPid() throws IOException {
    long pid = reportedPid();

    ServiceStatus status = runtime.status(DEMO);

    assertThat(status.state()).isEqualTo(State.RUNNING);
    assertThat(status.detail()).startsWith("RUNNING pid " + pid + ",");
    assertThat(runtime.processInfo(DEMO).pid()).isEqualTo(pid);
    assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
  }

  @Test
  void restartStartsANewProcessAndReturnsOnceItRuns() throws IOException {
    long before = reportedPid();
    Instant asked = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    runtime.restart(DEMO);

    assertThat(runtime.status(DEMO).state()).isEqualTo(State.RUNNING);
    // supervisord says when it started the process (whole seconds): after it was asked to.
    assertThat(runtime.status(DEMO).started())
        .hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(asked));
    long after = reportedPid();
    assertThat(after).isNotEqualTo(before).isEqualTo(runtime.processInfo(DEMO).pid());
    assertThat(ProcessHandle.of(before).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void restartStartsAStoppedProgram() throws Exception {
    supervisor.call("supervisor.stopProcess", DEMO, true);
    assertThat(runtime.status(DEMO).state()).isEqualTo(State.STOPPED);

    runtime.restart(DEMO);

    assertThat(runtime.status(DEMO).state()).isEqualTo(State.RUNNING);
  }

  @Test
  void restartStartsACrashedProgram() throws Exception {
    ProcessHandle.of(reportedPid()).orElseThrow().destroyForcibly();
    supervisor.awaitState(DEMO, "EXITED", TIMEOUT);
    assertThat(runtime.status(DEMO).state()).isEqualTo(State.FAILED);

    runtime.restart(DEMO);

    assertThat(runtime.status(DEMO).state()).isEqualTo(State.RUNNING);
  }

  @Test
  void redeployWritesTheEnvironmentFileAndTheRestartedProcessSeesItKeepingOtherKeys()
      throws IOException {
    Path file = runtime.environmentFile(DEMO);
    Files.writeString(file, "# written by hand\nOTHER=kept\nGREETING=old\n");

    runtime.redeploy(DEMO, Map.of("GREETING", "it's a 'fine' $day"));

    assertThat(Files.readAllLines(file))
        .containsExactly(
            "# written by hand", "OTHER=kept", "GREETING='it'\\''s a '\\''fine'\\'' $day'");
    assertThat(reportedLine()).endsWith(" it's a 'fine' $day kept");
    assertThat(runtime.status(DEMO).state()).isEqualTo(State.RUNNING);
  }

  @Test
  void redeployCreatesTheEnvironmentFileWhenThereIsNone() throws IOException {
    runtime.redeploy(DEMO, Map.of("GREETING", "hello"));

    assertThat(Files.readAllLines(runtime.environmentFile(DEMO))).containsExactly("GREETING=hello");
    assertThat(reportedLine()).endsWith(" hello");
  }

  @Test
  void redeployRefusesANameAShellCannotExportAndChangesNothing() throws IOException {
    long pid = reportedPid();

    assertThatThrownBy(() -> runtime.redeploy(DEMO, Map.of("BAD-NAME", "x")))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessage(
            "redeploy of demo-service through supervisor at %s failed:"
                + " 'BAD-NAME' is not an environment variable name a shell can export",
            supervisor.baseUri());
    assertThat(runtime.environmentFile(DEMO)).doesNotExist();
    assertThat(reportedPid()).isEqualTo(pid);
  }

  @Test
  void unknownServiceFailsNamingTheServiceAndTheFault() {
    assertThatThrownBy(() -> runtime.restart("policy-service"))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessage(
            "restart of policy-service through supervisor at %s failed:"
                + " BAD_NAME: policy-service (supervisor.stopProcess)",
            supervisor.baseUri());
    assertThatThrownBy(() -> runtime.status("policy-service"))
        .hasMessageContaining("status of policy-service")
        .hasMessageContaining("BAD_NAME: policy-service (supervisor.getProcessInfo)");
  }

  @Test
  void redeployOfAnUnknownServiceWritesNothing() {
    assertThatThrownBy(() -> runtime.redeploy("policy-service", Map.of("A", "1")))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessage(
            "redeploy of policy-service through supervisor at %s failed:"
                + " BAD_NAME: policy-service (supervisor.getProcessInfo)",
            supervisor.baseUri());
    assertThat(runtime.environmentFile("policy-service")).doesNotExist();
  }

  @Test
  void aProgramThatDiesAtStartFailsTheRestartWithSupervisorsReason() {
    assertThatThrownBy(() -> runtime.restart(BROKEN))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessageStartingWith(
            "restart of broken-service through supervisor at %s failed:"
                + " SPAWN_ERROR: broken-service (supervisor.startProcess); now ",
            supervisor.baseUri())
        // supervisord moves the program from EXITED to FATAL on its own time.
        .hasMessageMatching(".*now (FATAL|EXITED): .*")
        .hasMessageEndingWith("see " + supervisor.folder().resolve("logs/broken-service.log"));
    assertThat(supervisor.programLog(BROKEN)).contains("cannot start");
    assertThat(runtime.status(BROKEN).state()).isEqualTo(State.FAILED);
  }

  @Test
  void servicesMapToDifferentlyNamedPrograms() throws IOException {
    long before = reportedPid();
    SupervisorRuntime mapped = supervisor.runtime(TIMEOUT, Map.of("user-service", DEMO));

    mapped.restart("user-service");

    assertThat(mapped.status("user-service"))
        .satisfies(s -> assertThat(s.service()).isEqualTo("user-service"))
        .satisfies(s -> assertThat(s.state()).isEqualTo(State.RUNNING));
    assertThat(reportedPid()).isNotEqualTo(before);
  }

  @Test
  void missingCredentialsFailClearly() {
    SupervisorRuntime anonymous =
        new SupervisorRuntime(supervisor.baseUri(), TIMEOUT, supervisor.environmentFolder());

    assertThatThrownBy(() -> anonymous.status(DEMO))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessage(
            "status of demo-service through supervisor at %s failed: it answered HTTP 401:"
                + " it asks for a username and password (supervisor.getProcessInfo)",
            supervisor.baseUri());
  }

  @Test
  void unreachableSupervisorFailsClearly() {
    URI nobody = URI.create("http://127.0.0.1:" + SupervisorProcess.freePort());
    SupervisorRuntime unreachable =
        new SupervisorRuntime(nobody, Duration.ofSeconds(2), supervisor.environmentFolder());

    assertThatThrownBy(() -> unreachable.restart(DEMO))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessageStartingWith(
            "restart of demo-service through supervisor at %s failed: cannot connect, is"
                + " supervisord running there with an [inet_http_server]?",
            nobody)
        .hasMessageEndingWith("(supervisor.stopProcess)");
  }

  @Test
  void describesItselfByItsAddress() {
    assertThat(runtime.describe()).isEqualTo("supervisor at " + supervisor.baseUri());
  }

  private static long reportedPid() throws IOException {
    return Long.parseLong(reportedLine().split(" ")[0]);
  }

  private static String reportedLine() throws IOException {
    return Files.readString(supervisor.folder().resolve("demo-service.out")).stripTrailing();
  }
}

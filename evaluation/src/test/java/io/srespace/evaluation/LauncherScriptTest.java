package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a real process: its arguments, exit code and log. */
class LauncherScriptTest {
  @TempDir Path folder;

  private LauncherScript launcher(String body) throws Exception {
    Path script = folder.resolve("sre-space");
    Files.writeString(script, "#!/usr/bin/env bash\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new LauncherScript(
        script, folder.resolve("logs"), Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void injectsWithTheScenariosArgumentsAndKeepsTheOutputInALog() throws Exception {
    LauncherScript launcher = launcher("echo \"called with: $*\"");
    Scenario latency = Scenario.load(ScenarioTest.ROOT, List.of("latency")).get(0);

    Launcher.Result result = launcher.inject(latency);

    assertThat(result.ok()).isTrue();
    assertThat(result.lastLine())
        .isEqualTo("called with: chaos latency policy-service --intensity 800 --duration 120");
    assertThat(Files.readString(result.log())).contains("called with: chaos latency");
  }

  @Test
  void failingRepairReportsItsExitCodeAndLastLine() throws Exception {
    LauncherScript launcher =
        launcher("echo starting; echo 'user-service not healthy' >&2; exit 4");

    Launcher.Result result = launcher.repair();

    assertThat(result.ok()).isFalse();
    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.describe()).startsWith("exit 4 in ").contains(": user-service not healthy");
  }

  @Test
  void launcherThatHangsIsStoppedAtItsLimit() throws Exception {
    Path script = folder.resolve("slow");
    Files.writeString(script, "#!/usr/bin/env bash\nsleep 30\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

    Launcher.Result result =
        new LauncherScript(script, folder, Duration.ofMillis(300), Duration.ofMillis(300))
            .run(List.of("repair"), Duration.ofMillis(300));

    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.lastLine()).startsWith("still running after");
  }
}

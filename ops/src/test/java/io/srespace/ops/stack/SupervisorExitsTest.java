package io.srespace.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} counts the exits supervisord did not expect, since it last started. */
class SupervisorExitsTest {
  @TempDir Path dir;

  @Test
  void countsUnexpectedExitsSinceSupervisordLastStartedAndNotStops() throws Exception {
    Path log = dir.resolve("supervisord.log");
    Files.writeString(
        log,
        """
        2026-12-03 10:00:00,001 INFO supervisord started with pid 100
        2026-12-03 10:05:00,001 WARN exited: scout (terminated by SIGKILL; not expected)
        2026-12-03 11:00:00,001 INFO supervisord started with pid 200
        2026-12-03 11:01:00,001 INFO spawned: 'scout' with pid 300
        2026-12-03 11:02:00,001 WARN exited: scout (terminated by SIGKILL; not expected)
        2026-12-03 11:02:00,500 INFO spawned: 'scout' with pid 301
        2026-12-03 11:03:00,001 WARN exited: brain (exit status 1; not expected)
        2026-12-03 11:04:00,001 WARN exited: user-service (terminated by SIGKILL; not expected)
        2026-12-03 11:05:00,001 INFO stopped: fixer (exit status 143)
        2026-12-03 11:06:00,001 WARN exited: scout (terminated by SIGKILL; not expected)
        """);

    assertThat(Supervisor.unexpectedExits(log))
        .containsEntry("scout", 2)
        .containsEntry("brain", 1)
        .containsEntry("user-service", 1)
        .doesNotContainKey("fixer")
        .hasSize(3);
    assertThat(Supervisor.unexpectedExits(dir.resolve("missing.log"))).isEmpty();
  }
}

package io.srespace.fixer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.fixer.runtime.ServiceStatus.State;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Fixer hears when no engine answers at the configured address. */
class DockerRuntimeUnreachableTest {

  @TempDir Path folder;

  @Test
  void everyActionSaysNoEngineAnswersAtTheAddress() {
    String host = "unix://" + folder.resolve("docker.sock");
    try (DockerRuntime runtime =
        new DockerRuntime(
            new ComposeFixture.Settings(
                host,
                Optional.empty(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ZERO))) {

      assertThatThrownBy(() -> runtime.restart("quote-service"))
          .isInstanceOf(RuntimeActionException.class)
          .hasMessageStartingWith("listing the containers of quote-service failed")
          .hasMessageContaining("no Docker engine answers at " + host);
      assertThatThrownBy(() -> runtime.redeploy("quote-service", Map.of("A", "1")))
          .hasMessageContaining("no Docker engine answers at " + host);
      ServiceStatus status = runtime.status("quote-service");
      assertThat(status.state()).isEqualTo(State.UNKNOWN);
      assertThat(status.detail()).contains("no Docker engine answers at " + host);
      assertThat(runtime.describe()).isEqualTo("docker at " + host + ", every compose project");
    }
  }
}

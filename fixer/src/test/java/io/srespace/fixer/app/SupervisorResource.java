package io.srespace.fixer.app;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.srespace.fixer.runtime.SupervisorProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real supervisord running one program, {@code demo-service}, and a knowledge graph that lets
 * Fixer restart it: what Fixer's service tests act on.
 */
public class SupervisorResource implements QuarkusTestResourceLifecycleManager {
  static final String SERVICE = "demo-service";
  static SupervisorProcess supervisor;

  @Override
  public Map<String, String> start() {
    supervisor =
        SupervisorProcess.builder()
            .program(
                SERVICE,
                "bash -c 'set -a; f={folder}/env/demo-service.env; [ -f $f ] && . $f;"
                    + " exec sleep 1000'")
            .start();
    Path topology = supervisor.folder().resolve("topology.yaml");
    try {
      Files.writeString(
          topology,
          """
          services:
            demo-service:
              owner: team-demo
              remediations:
                unavailable: {action: restart, why: a restart brings it back}
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "fixer.runtime.kind", "supervisor",
        "fixer.runtime.supervisor-url", supervisor.baseUri().toString(),
        "fixer.runtime.environment-folder", supervisor.environmentFolder().toString(),
        "fixer.topology", topology.toString(),
        "fixer.verify-deadline", "20s");
  }

  @Override
  public void stop() {
    if (supervisor != null) {
      supervisor.close();
    }
  }
}

package io.srespace.memory.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link ChromaServer} for a {@code @QuarkusTest} and points the application at it: use it
 * with {@code @QuarkusTestResource(ChromaServerResource.class)}. The property it sets is {@code
 * memory.chroma-url}, or the one named by the init argument {@code property} (for another module's
 * settings). The server stops, and its data is deleted, when the application stops.
 */
public final class ChromaServerResource implements QuarkusTestResourceLifecycleManager {
  private String property = "memory.chroma-url";
  private ChromaServer server;

  @Override
  public void init(Map<String, String> initArgs) {
    property = initArgs.getOrDefault("property", property);
  }

  @Override
  public Map<String, String> start() {
    server = ChromaServer.start();
    return Map.of(property, server.baseUri().toString());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}

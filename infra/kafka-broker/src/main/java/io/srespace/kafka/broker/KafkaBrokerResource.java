package io.srespace.kafka.broker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's real broker instead of Dev Services: use it with
 * {@code @QuarkusTestResource(KafkaBrokerResource.class)}. The broker outlives each test class and
 * stops when the test JVM exits, so a module's tests share one.
 */
public final class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    return Map.of(
        "kafka.bootstrap.servers", bootstrap,
        "quarkus.kafka-streams.bootstrap-servers", bootstrap,
        "quarkus.kafka.devservices.enabled", "false");
  }

  @Override
  public void stop() {
    // The shared broker stops with the JVM; other test classes of the module still use it.
  }
}

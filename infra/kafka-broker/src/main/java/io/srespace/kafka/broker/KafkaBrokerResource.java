package io.srespace.kafka.broker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.srespace.events.topics.Principal;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's real broker instead of Dev Services, logged in as the
 * application's principal: {@code @QuarkusTestResource(value = KafkaBrokerResource.class, initArgs
 * = @ResourceArg(name = "principal", value = "brain"))}. The broker outlives each test class and
 * stops when the test JVM exits, so a module's tests share one.
 */
public final class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
  private Principal principal;

  @Override
  public void init(Map<String, String> args) {
    String user = args.get("principal");
    principal =
        Principal.ofUser(user)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "KafkaBrokerResource needs a principal argument, one of the access table's users; was "
                            + user));
  }

  @Override
  public Map<String, String> start() {
    KafkaBroker broker = KafkaBroker.shared();
    String bootstrap = broker.bootstrapServers();
    Map<String, String> config = new HashMap<>(broker.login(principal));
    config.put("kafka.bootstrap.servers", bootstrap);
    config.put("quarkus.kafka-streams.bootstrap-servers", bootstrap);
    config.put("quarkus.kafka.devservices.enabled", "false");
    return config;
  }

  @Override
  public void stop() {
    // The shared broker stops with the JVM; other test classes of the module still use it.
  }
}

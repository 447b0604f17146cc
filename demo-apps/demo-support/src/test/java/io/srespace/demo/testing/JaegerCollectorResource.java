package io.srespace.demo.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.srespace.events.topics.Principal;
import io.srespace.kafka.broker.KafkaBroker;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} of a demo service the collector the stack gives it: a real Jaeger
 * writing the service's spans to otlp_spans on the JVM's shared broker (as the telemetry user).
 */
public final class JaegerCollectorResource implements QuarkusTestResourceLifecycleManager {
  private JaegerServer jaeger;

  @Override
  public Map<String, String> start() {
    KafkaBroker kafka = KafkaBroker.shared();
    jaeger = JaegerServer.collector(kafka.bootstrapServers(), kafka.login(Principal.TELEMETRY));
    return Map.of(
        "demo.traces.otlp-endpoint",
        jaeger.otlpUri().toString(),
        "demo.traces.export-delay",
        "200ms");
  }

  @Override
  public void stop() {
    if (jaeger != null) {
      jaeger.close();
    }
  }
}

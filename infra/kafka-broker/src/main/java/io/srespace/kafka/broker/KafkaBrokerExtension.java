package io.srespace.kafka.broker;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives plain JUnit 5 tests the JVM's real broker: {@code @ExtendWith(KafkaBrokerExtension.class)},
 * then take a {@link KafkaBroker} parameter in a test, a lifecycle method or a constructor.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {
  @Override
  public void beforeAll(ExtensionContext context) {
    KafkaBroker.shared();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return KafkaBroker.shared();
  }
}

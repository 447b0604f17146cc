package io.srespace.events.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The agents name their Kafka channels' topics in configuration (Reactive Messaging reads them
 * there); every name must be one of the registry's, so a renamed topic cannot leave an agent
 * listening to nothing.
 */
class AgentTopicsTest {
  private static final List<String> AGENTS = List.of("scout", "brain", "fixer", "memory");

  @Test
  void everyTopicAnAgentConfiguresIsInTheRegistry() throws IOException {
    int checked = 0;
    for (String agent : AGENTS) {
      Path file = Path.of("..", agent, "src", "main", "resources", "application.properties");
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      }
      for (String key : properties.stringPropertyNames()) {
        if (key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
          String topic = properties.getProperty(key);
          assertThat(Topics.named(topic)).as("%s in %s", key, file).isPresent();
          checked++;
        }
      }
    }
    assertThat(checked).as("topics configured by the agents").isGreaterThanOrEqualTo(8);
  }
}

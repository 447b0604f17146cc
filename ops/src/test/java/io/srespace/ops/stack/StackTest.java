package io.srespace.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTest {
  @TempDir Path root;

  @Test
  void portsComeFromTheRepositorysEnvFilePlusTheOffset() throws Exception {
    Files.writeString(root.resolve(".env"), "KAFKA_PORT=9092\nQUOTE_SERVICE_PORT=8080\nJRE=x\n");

    Stack stack =
        Stack.of(root, Map.of("SRE_SPACE_PORT_OFFSET", "100", "SRE_SPACE_HOME", "/stacks/two"));

    assertThat(stack.bootstrap()).isEqualTo("127.0.0.1:9192");
    assertThat(stack.url("quote-service")).hasToString("http://127.0.0.1:8180");
    assertThat(stack.board()).isEqualTo(Path.of("/stacks/two/board.git"));
    assertThatThrownBy(() -> stack.port("scout"))
        .hasMessageContaining("no port for 'scout': .env sets no SCOUT_PORT");
  }

  @Test
  void composeTakesTheEnvFilesPortsAsTheyAreAndItsOwnFolder() throws Exception {
    Files.writeString(root.resolve(".env"), "KAFKA_PORT=9092\nQUOTE_SERVICE_PORT=8080\n");
    Map<String, String> local = Map.of("SRE_SPACE_PORT_OFFSET", "100", "SRE_SPACE_HOME", "/two");

    Stack compose = Stack.compose(root, local);

    assertThat(compose.bootstrap())
        .as("Compose publishes .env's ports")
        .isEqualTo("127.0.0.1:9092");
    assertThat(compose.credentials()).isEqualTo(root.resolve(".sre-space/compose/credentials"));
    assertThat(compose.gitops()).isEqualTo(root.resolve(".sre-space/compose/gitops.git"));
    assertThat(Stack.compose(root, Map.of("SRE_SPACE_COMPOSE_HOME", "/e2e")).board())
        .isEqualTo(Path.of("/e2e/board.git"));
  }

  @Test
  void theRepositorysOwnEnvFileNamesAPortForEveryPartOfTheStack() {
    Stack stack = Stack.of(Path.of("..").toAbsolutePath(), Map.of());

    for (var wave : LocalStack.waves(Map.of())) {
      for (String part : wave) {
        if (!part.equals("traffic")) {
          assertThat(stack.port(part)).as(part).isPositive();
        }
      }
    }
    assertThat(stack.home()).isEqualTo(stack.root().resolve(".sre-space"));
  }

  @Test
  void theStackListensOnLoopbackUnlessSreSpaceBindSaysOtherwise() throws Exception {
    Files.writeString(root.resolve(".env"), "KAFKA_PORT=9092\nQUOTE_SERVICE_PORT=8080\n");

    assertThat(Stack.of(root, Map.of()).bind()).isEqualTo("127.0.0.1");
    Stack everywhere = Stack.of(root, Map.of("SRE_SPACE_BIND", "0.0.0.0"));
    assertThat(everywhere.bind()).isEqualTo("0.0.0.0");
    assertThat(everywhere.bootstrap()).isEqualTo("127.0.0.1:9092");
    Stack lan = Stack.of(root, Map.of("SRE_SPACE_BIND", "10.1.2.3"));
    assertThat(lan.url("quote-service")).hasToString("http://10.1.2.3:8080");
    assertThatThrownBy(() -> Stack.of(root, Map.of("SRE_SPACE_BIND", "example.com")))
        .hasMessageContaining("SRE_SPACE_BIND must be an IPv4 address");
    assertThatThrownBy(() -> Stack.of(root, Map.of("SRE_SPACE_BIND", "10.1.2.300")))
        .hasMessageContaining("not '10.1.2.300'");
  }

  @Test
  void aBadPortOrOffsetIsRefusedNamingIt() throws Exception {
    Files.writeString(root.resolve(".env"), "KAFKA_PORT=ninety\n");
    assertThatThrownBy(() -> Stack.of(root, Map.of()))
        .hasMessageContaining("KAFKA_PORT=ninety is not a port");

    Files.writeString(root.resolve(".env"), "KAFKA_PORT=9092\n");
    assertThatThrownBy(() -> Stack.of(root, Map.of("SRE_SPACE_PORT_OFFSET", "-5")))
        .hasMessageContaining("SRE_SPACE_PORT_OFFSET must be a number, not '-5'");
  }
}

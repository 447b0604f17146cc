package io.srespace.brain.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeGraphTest {
  @TempDir Path dir;

  @Test
  void theRepositorysGraphNamesARemediationForEveryDemoFault() {
    KnowledgeGraph graph = KnowledgeGraph.load(Path.of("../infra/topology.yaml"));
    assertThat(graph.remediation("policy-service", FaultClass.RESOURCE_EXHAUSTION))
        .hasValueSatisfying(r -> assertThat(r.action()).isEqualTo(RemediationAction.PULL_REQUEST));
    assertThat(graph.remediation("user-service", FaultClass.UNAVAILABLE))
        .hasValueSatisfying(r -> assertThat(r.action()).isEqualTo(RemediationAction.RESTART));
    assertThat(graph.remediation("user-service", FaultClass.WRONG_RESULT)).isEmpty();
    assertThat(graph.journeyDecidedFrom("quote-service")).contains("policy-service");
    assertThat(graph.topology().calleesOf("quote-service"))
        .containsExactlyInAnyOrder("user-service", "policy-service");
  }

  @Test
  void aPeerIsFoundByItsNameOrTheAddressOfItsUrl() {
    KnowledgeGraph graph = KnowledgeGraph.load(Path.of("../infra/topology.yaml"));
    assertThat(graph.serviceAt("policy-service")).hasValue("policy-service");
    assertThat(graph.serviceAt("127.0.0.1:8081")).hasValue("policy-service");
    assertThat(graph.serviceAt("127.0.0.1:8082")).hasValue("user-service");
    assertThat(graph.serviceAt("127.0.0.1:9999")).isEmpty();
  }

  @Test
  void aRemediationForSomethingThatIsNotAFaultClassIsRefused() throws IOException {
    Path file =
        write(
            """
            services:
              a:
                remediations:
                  slowness: {action: restart, why: because}
            """);
    assertThatThrownBy(() -> KnowledgeGraph.load(file))
        .hasMessageContaining("'slowness', which is not a fault class");
  }

  @Test
  void aPullRequestWithoutAKeyIsRefused() throws IOException {
    Path file =
        write(
            """
            services:
              a:
                config: a.env
                remediations:
                  resource-exhaustion: {action: pull-request, why: bigger pool}
            """);
    assertThatThrownBy(() -> KnowledgeGraph.load(file)).hasMessageContaining("needs a key");
  }

  @Test
  void aDependencyOnAnUnknownServiceIsRefused() throws IOException {
    Path file = write("services:\n  a:\n    depends_on: [b]\n");
    assertThatThrownBy(() -> KnowledgeGraph.load(file)).hasMessageContaining("a depends on b");
  }

  @Test
  void doublingIsCappedAndKeepsPlainNumbers() {
    Remediation doubling =
        new Remediation(RemediationAction.PULL_REQUEST, "POOL", "x2", "16", "bigger");
    assertThat(doubling.target("4")).isEqualTo("8");
    assertThat(doubling.target("12")).isEqualTo("16");
    assertThat(doubling.target("0.5")).isEqualTo("1");
  }

  @Test
  void theDeployedValueIsReadFromTheServicesFile() throws IOException {
    Files.writeString(dir.resolve("s.env"), "# comment\nPOOL=4\nOTHER=1\nPOOL=5\n");
    DeployedConfig deployed = new DeployedConfig(dir);
    assertThat(deployed.value("s.env", "POOL")).contains("5");
    assertThat(deployed.value("s.env", "MISSING")).isEmpty();
    assertThat(deployed.value("missing.env", "POOL")).isEmpty();
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("topology.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}

package io.srespace.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeGraphTest {

  private static final Path PROJECT_GRAPH = Path.of("..", "infra", "topology.yaml");

  private static final String SMALL =
      """
      services:
        front:
          url: http://127.0.0.1:9000
          health: /health
          depends_on: [back]
          owner: team-front
          remediations:
            unavailable: {action: restart, why: it comes back}
        back:
          url: http://back:9001
          owner: team-back
          config: back.env
          settings:
            POOL: {type: integer, min: 1, max: 16}
            LIMIT: {type: decimal, min: 0.5, max: 1}
          remediations:
            resource-exhaustion: {action: pull-request, key: POOL, value: x2, max: 16, why: more room}
            wrong-result: {action: pull-request, key: LIMIT, value: "0.8", why: reviewed, approval: true}
      journeys:
        buy:
          measured_at: front
          decided_by: back
      """;

  @Test
  void readsTheProjectsOwnGraph() {
    KnowledgeGraph graph = KnowledgeGraph.load(PROJECT_GRAPH);

    assertThat(graph.services()).containsKeys("quote-service", "policy-service", "user-service");
    assertThat(graph.remediation("policy-service", FaultClass.RESOURCE_EXHAUSTION))
        .hasValueSatisfying(r -> assertThat(r.doubles()).isTrue());
    assertThat(graph.remediation("user-service", FaultClass.UNAVAILABLE))
        .hasValueSatisfying(r -> assertThat(r.action()).isEqualTo(RemediationAction.RESTART));
    assertThat(graph.remediation("user-service", FaultClass.WRONG_RESULT)).isEmpty();
    assertThat(graph.journeyDecidedFrom("quote-service")).contains("policy-service");
    assertThat(graph.callees().get("quote-service"))
        .containsExactlyInAnyOrder("user-service", "policy-service");
  }

  @Test
  void answersEachAgentsQuestions() {
    KnowledgeGraph graph = KnowledgeGraph.parse(SMALL, "small");

    assertThat(graph.serviceAt("127.0.0.1:9000")).contains("front");
    assertThat(graph.serviceAt("back:9001")).contains("back");
    assertThat(graph.serviceAt("back")).contains("back");
    assertThat(graph.serviceAt("10.0.0.1:9000")).isEmpty();
    assertThat(graph.related("front", "back")).isTrue();
    assertThat(graph.related("back", "front")).isTrue();
    assertThat(graph.health("front")).contains(URI.create("http://127.0.0.1:9000/health"));
    assertThat(graph.health("back")).isEmpty();
    assertThat(graph.owner("nobody")).isEqualTo("unknown");
    assertThat(graph.remediation("back", RemediationAction.PULL_REQUEST)).isPresent();
    assertThat(graph.remediation("front", RemediationAction.PULL_REQUEST)).isEmpty();
    assertThat(graph.remediation("back", FaultClass.WRONG_RESULT).orElseThrow().needsApproval())
        .isTrue();
    assertThat(graph.configRules())
        .extracting(KnowledgeGraph.ConfigRule::file)
        .containsOnly("back.env")
        .hasSize(2);
    assertThat(graph.callees().get("front")).containsExactly("back");
  }

  @Test
  void aGraphWrittenOutReadsBackTheSame() {
    KnowledgeGraph graph = KnowledgeGraph.load(PROJECT_GRAPH);

    assertThat(KnowledgeGraph.parse(graph.toYaml(), "written")).isEqualTo(graph);
  }

  @Test
  void aGraphCanBeMovedToOtherPorts() {
    KnowledgeGraph moved =
        KnowledgeGraph.parse(SMALL, "small").withUrls(Map.of("front", "http://127.0.0.1:29000"));

    assertThat(moved.serviceAt("127.0.0.1:29000")).contains("front");
    assertThat(moved.serviceAt("127.0.0.1:9000")).isEmpty();
    assertThat(moved.services().get("front").remediations()).hasSize(1);
    assertThatThrownBy(() -> moved.withUrls(Map.of("cache", "http://c:1")))
        .hasMessageContaining("cache");
  }

  @Test
  void anUnknownFaultClassIsAnErrorNamingItsLine() {
    String yaml = SMALL.replace("unavailable: {action", "unavaliable: {action");

    assertThatThrownBy(() -> KnowledgeGraph.parse(yaml, "small"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("small line 8")
        .hasMessageContaining("unavaliable");
  }

  @Test
  void anUnknownActionIsAnErrorNamingItsLine() {
    String yaml = SMALL.replace("action: restart", "action: reboot");

    assertThatThrownBy(() -> KnowledgeGraph.parse(yaml, "small"))
        .hasMessageContaining("small line 8")
        .hasMessageContaining("reboot");
  }

  @Test
  void anUnknownKeyIsAnErrorNamingItsLine() {
    String yaml = SMALL.replace("    owner: team-back", "    ower: team-back");

    assertThatThrownBy(() -> KnowledgeGraph.parse(yaml, "small"))
        .hasMessageContaining("small line 11")
        .hasMessageContaining("ower");
  }

  @Test
  void aPullRequestNeedsTheServicesConfigFile() {
    String yaml = SMALL.replace("    config: back.env\n", "");

    assertThatThrownBy(() -> KnowledgeGraph.parse(yaml, "small"))
        .hasMessageContaining("config file");
  }

  @Test
  void aPullRequestNeedsAKey() {
    String yaml = SMALL.replace("key: POOL, ", "");

    assertThatThrownBy(() -> KnowledgeGraph.parse(yaml, "small"))
        .hasMessageContaining("small line 17")
        .hasMessageContaining("a pull request needs a key and a value");
  }

  @Test
  void doublingNeedsAMax() {
    String yaml = SMALL.replace(", max: 16", "");

    assertThatThrownBy(() -> KnowledgeGraph.parse(yaml, "small"))
        .hasMessageContaining("doubling POOL needs a positive max");
  }

  @Test
  void aKeyAPullRequestChangesMustBeTypedAndTheRuleMustStayWithinItsSetting() {
    assertThatThrownBy(
            () ->
                KnowledgeGraph.parse(
                    SMALL.replace("      POOL: {type: integer, min: 1, max: 16}\n", ""), "small"))
        .hasMessageContaining("a pull request changes POOL, so 'settings' must give its type");
    assertThatThrownBy(
            () -> KnowledgeGraph.parse(SMALL.replace("value: \"0.8\"", "value: \"0.2\""), "small"))
        .hasMessageContaining("LIMIT=0.2 is below its minimum 0.5");
    assertThatThrownBy(
            () -> KnowledgeGraph.parse(SMALL.replace("x2, max: 16", "x2, max: 64"), "small"))
        .hasMessageContaining("doubling POOL up to 64 breaks its setting");
    assertThatThrownBy(
            () ->
                KnowledgeGraph.parse(
                    SMALL.replace("{type: integer, min: 1, max: 16}", "{type: integer, mx: 16}"),
                    "small"))
        .hasMessageContaining("unknown key 'mx'");
    assertThat(
            KnowledgeGraph.parse(SMALL, "small")
                .service("back")
                .orElseThrow()
                .setting("POOL")
                .orElseThrow()
                .refusals("POOL", "0"))
        .containsExactly("POOL=0 is below its minimum 1");
  }

  @Test
  void aRestartTakesNoKey() {
    String yaml = SMALL.replace("{action: restart,", "{action: restart, key: POOL,");

    assertThatThrownBy(() -> KnowledgeGraph.parse(yaml, "small"))
        .hasMessageContaining("restart takes no key");
  }

  @Test
  void everyNamedServiceMustBeListed() {
    assertThatThrownBy(() -> KnowledgeGraph.parse(SMALL.replace("[back]", "[cache]"), "small"))
        .hasMessageContaining("front depends on cache");
    assertThatThrownBy(
            () -> KnowledgeGraph.parse(SMALL.replace("decided_by: back", "decided_by: x"), "s"))
        .hasMessageContaining("buy is decided by x");
  }
}

package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void evalDefaultsToFiveRunsOfTheWholeCatalogueAfterTenControlMinutesOnTheLocalStack() {
    Path root = ScenarioTest.ROOT.toAbsolutePath().normalize();
    Settings settings =
        Settings.parse(
            List.of("--root", root.toString()),
            Map.of("SRE_SPACE_HOME", "/stack", "SRE_SPACE_PORT_OFFSET", "100"));

    assertThat(settings.mode()).isEqualTo(Settings.Mode.EVAL);
    assertThat(settings.runs()).isEqualTo(5);
    assertThat(settings.faults())
        .containsExactly(
            "kill",
            "memory-leak",
            "latency",
            "error-rate",
            "conversion-break",
            "db-pool",
            "dependency-down",
            "bad-release");
    assertThat(settings.control()).isEqualTo(Duration.ofMinutes(10));
    // The stack's ports are the repository's .env ones plus the offset; its folder is
    // SRE_SPACE_HOME.
    assertThat(settings.board()).isEqualTo(Path.of("/stack/board.git"));
    assertThat(settings.json().getParent()).isEqualTo(Path.of("/stack"));
    assertThat(settings.json().getFileName().toString()).matches("eval-\\d{8}-\\d{6}\\.json");
    assertThat(settings.kafka()).isEqualTo("127.0.0.1:9192");
    assertThat(settings.memoryUrl()).hasToString("http://127.0.0.1:8193");
    assertThat(settings.github()).isEmpty();
  }

  @Test
  void tourDefaultsToOneRunOfFourFaultsWithoutControl() {
    Settings settings = inRepository(List.of("--mode", "tour"));

    assertThat(settings.runs()).isEqualTo(1);
    assertThat(settings.faults())
        .containsExactly("kill", "conversion-break", "db-pool", "bad-release");
    assertThat(settings.control()).isZero();
  }

  @Test
  void everyOptionIsRead() {
    Settings settings =
        Settings.parse(
            List.of(
                "--mode=eval",
                "--runs",
                "2",
                "--faults",
                "latency, kill",
                "--control-minutes",
                "0.5",
                "--json",
                "/tmp/r.json",
                "--root",
                "/repo",
                "--kafka",
                "host:9999",
                "--credentials",
                "/k",
                "--memory-url",
                "http://m:1/",
                "--board",
                "/b.git"),
            Map.of("GITHUB_TOKEN", "t0ken", "GITHUB_REPOSITORY", "acme/sandbox"));

    assertThat(settings.runs()).isEqualTo(2);
    assertThat(settings.faults()).containsExactly("latency", "kill");
    assertThat(settings.credentials()).isEqualTo(Path.of("/k"));
    assertThat(settings.control()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.json()).isEqualTo(Path.of("/tmp/r.json"));
    assertThat(settings.kafka()).isEqualTo("host:9999");
    assertThat(settings.memoryUrl()).hasToString("http://m:1");
    assertThat(settings.board()).isEqualTo(Path.of("/b.git"));
    assertThat(settings.github())
        .hasValueSatisfying(g -> assertThat(g.repository()).isEqualTo("acme/sandbox"));
  }

  @Test
  void badArgumentsAreRefusedNamingTheProblem() {
    assertThatThrownBy(() -> inRepository(List.of("--runs", "x")))
        .hasMessageContaining("--runs must be a whole number");
    assertThatThrownBy(() -> inRepository(List.of("--runs", "0")))
        .hasMessageContaining("--runs must be 1 or more");
    assertThatThrownBy(() -> inRepository(List.of("--faults", "kill,flood")))
        .hasMessageContaining("unknown fault 'flood'");
    assertThatThrownBy(() -> inRepository(List.of("--mode", "demo")))
        .hasMessageContaining("--mode must be tour or eval");
    assertThatThrownBy(() -> inRepository(List.of("--speed", "1")))
        .hasMessageContaining("unknown option --speed");
    assertThatThrownBy(() -> inRepository(List.of("--json")))
        .hasMessageContaining("--json needs a value");
    assertThatThrownBy(() -> inRepository(List.of("--control-minutes", "-1")))
        .hasMessageContaining("--control-minutes must be a number");
    assertThatThrownBy(() -> inRepository(List.of("--memory-url", "memory")))
        .hasMessageContaining("--memory-url must be an http URL");
  }

  @Test
  void badArgumentsExitWithTwoAndTheUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Evaluation.execute(
            List.of("--runs"),
            Map.of(),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("evaluation: --runs needs a value")
        .contains("usage: evaluation");
  }

  /** The arguments with this repository as the root, whose .env holds the stack's ports. */
  private static Settings inRepository(List<String> args) {
    List<String> all = new java.util.ArrayList<>(args);
    all.addAll(List.of("--root", ScenarioTest.ROOT.toString()));
    return Settings.parse(all, Map.of());
  }
}

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
  void evalDefaultsToFiveRunsOfTheWholeCatalogueAfterTenControlMinutes() {
    Settings settings = Settings.parse(List.of("--root", "/repo"), Map.of());

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
            "dependency-down");
    assertThat(settings.control()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.launcher()).isEqualTo(Path.of("/repo/sre-space"));
    assertThat(settings.board()).isEqualTo(Path.of("/repo/.sre-space/board.git"));
    assertThat(settings.json().toString()).matches("/repo/\\.sre-space/eval-\\d{8}-\\d{6}\\.json");
    assertThat(settings.kafka()).isEqualTo("127.0.0.1:9092");
    assertThat(settings.memoryUrl()).hasToString("http://127.0.0.1:8093");
    assertThat(settings.github()).isEmpty();
  }

  @Test
  void tourDefaultsToOneRunOfThreeFaultsWithoutControl() {
    Settings settings = Settings.parse(List.of("--mode", "tour"), Map.of());

    assertThat(settings.runs()).isEqualTo(1);
    assertThat(settings.faults()).containsExactly("kill", "conversion-break", "db-pool");
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
                "--launcher",
                "/bin/sre",
                "--kafka",
                "host:9999",
                "--memory-url",
                "http://m:1/",
                "--board",
                "/b.git"),
            Map.of("GITHUB_TOKEN", "t0ken", "GITHUB_REPOSITORY", "acme/sandbox"));

    assertThat(settings.runs()).isEqualTo(2);
    assertThat(settings.faults()).containsExactly("latency", "kill");
    assertThat(settings.control()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.json()).isEqualTo(Path.of("/tmp/r.json"));
    assertThat(settings.launcher()).isEqualTo(Path.of("/bin/sre"));
    assertThat(settings.kafka()).isEqualTo("host:9999");
    assertThat(settings.memoryUrl()).hasToString("http://m:1");
    assertThat(settings.board()).isEqualTo(Path.of("/b.git"));
    assertThat(settings.github())
        .hasValueSatisfying(g -> assertThat(g.repository()).isEqualTo("acme/sandbox"));
  }

  @Test
  void badArgumentsAreRefusedNamingTheProblem() {
    assertThatThrownBy(() -> Settings.parse(List.of("--runs", "x"), Map.of()))
        .hasMessageContaining("--runs must be a whole number");
    assertThatThrownBy(() -> Settings.parse(List.of("--runs", "0"), Map.of()))
        .hasMessageContaining("--runs must be 1 or more");
    assertThatThrownBy(() -> Settings.parse(List.of("--faults", "kill,flood"), Map.of()))
        .hasMessageContaining("unknown fault 'flood'");
    assertThatThrownBy(() -> Settings.parse(List.of("--mode", "demo"), Map.of()))
        .hasMessageContaining("--mode must be tour or eval");
    assertThatThrownBy(() -> Settings.parse(List.of("--speed", "1"), Map.of()))
        .hasMessageContaining("unknown option --speed");
    assertThatThrownBy(() -> Settings.parse(List.of("--json"), Map.of()))
        .hasMessageContaining("--json needs a value");
    assertThatThrownBy(() -> Settings.parse(List.of("--control-minutes", "-1"), Map.of()))
        .hasMessageContaining("--control-minutes must be a number");
    assertThatThrownBy(() -> Settings.parse(List.of("--memory-url", "memory"), Map.of()))
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
}

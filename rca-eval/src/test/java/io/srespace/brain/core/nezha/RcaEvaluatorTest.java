package io.srespace.brain.core.nezha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.brain.core.nezha.RcaEvaluator.Figures;
import io.srespace.brain.core.nezha.RcaEvaluator.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RcaEvaluatorTest {

  @Test
  void meetsTheFloorsOnTheSharedNezhaDays() {
    Path data = SharedDataset.require();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    RcaEvaluator evaluator =
        new RcaEvaluator(new PrintStream(buffer, true, StandardCharsets.UTF_8));

    Report report = evaluator.evaluate(data);
    evaluator.print(report);

    Map<String, Figures> systems =
        report.systems().stream().collect(Collectors.toMap(Figures::name, Function.identity()));
    Figures boutique = systems.get("online-boutique");
    Figures trainTicket = systems.get("train-ticket");
    assertThat(boutique.cases()).isEqualTo(32);
    assertThat(trainTicket.cases()).isEqualTo(28);
    // The targets for the shared days, not the last measured figures.
    assertThat(boutique.ac1()).isGreaterThanOrEqualTo(0.85);
    assertThat(boutique.ac3()).isGreaterThanOrEqualTo(0.93);
    assertThat(trainTicket.ac1()).isGreaterThanOrEqualTo(0.80);
    assertThat(trainTicket.ac3()).isGreaterThanOrEqualTo(0.93);
    assertThat(report.cases())
        .noneMatch(c -> c.note().contains("earlier incident"))
        .allSatisfy(c -> assertThat(c.top5()).isNotEmpty().doesNotHaveDuplicates());
    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertThat(printed.strip().lines().skip(printed.strip().lines().count() - 2))
        .allSatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "RESULT system=\\S+ cases=\\d+ ac1=[0-9.]+ ac3=[0-9.]+ ac5=[0-9.]+ avg5=[0-9.]+"
                            + " ms_p50=\\d+ ms_p95=\\d+"));
  }

  @Test
  void aMissingFolderIsAClearError(@TempDir Path dir) {
    RcaEvaluator evaluator = new RcaEvaluator(new PrintStream(new ByteArrayOutputStream()));

    assertThatThrownBy(() -> evaluator.evaluate(dir.resolve("absent")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void aMalformedFolderIsAClearError(@TempDir Path dir) throws IOException {
    RcaEvaluator evaluator = new RcaEvaluator(new PrintStream(new ByteArrayOutputStream()));
    assertThatThrownBy(() -> evaluator.evaluate(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no rca/<day>/ folders");

    Path day = Files.createDirectories(dir.resolve("rca").resolve("2022-08-23").resolve("trace"));
    Files.writeString(day.getParent().resolve("fault_list.json"), "[not json");
    assertThatThrownBy(() -> evaluator.evaluate(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fault_list.json");
  }

  @Test
  void podNamesLoseTheirTwoHashSuffixes() {
    assertThat(PodNames.service("ts-travel2-service-5c66d57d58-6mp2b"))
        .isEqualTo("ts-travel2-service");
    assertThat(PodNames.service("frontend-579b9bff58-t2dbm")).isEqualTo("frontend");
  }
}

package io.srespace.brain.core.nezha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.brain.core.nezha.RcaEvaluator.CaseResult;
import io.srespace.brain.core.nezha.RcaEvaluator.Figures;
import io.srespace.brain.core.nezha.RcaEvaluator.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticEvaluatorTest {

  private static final List<String> SYSTEMS = List.of("online-boutique", "train-ticket");

  /** What identifies a drawn case: everything but the time it took. */
  private static List<String> drawn(Report report) {
    return report.cases().stream()
        .map(
            r ->
                String.join(
                    " ",
                    r.day(),
                    r.alertTime(),
                    r.truth(),
                    r.faultType(),
                    r.note(),
                    String.valueOf(r.rank()),
                    String.join(",", r.top5())))
        .toList();
  }

  @Test
  void scoresEveryDrawnCaseOfEveryTypeOnBothSystemsAndRepeatsWithTheSameSeed() {
    Path data = SharedDataset.require();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    SyntheticEvaluator evaluator =
        new SyntheticEvaluator(new PrintStream(buffer, true, StandardCharsets.UTF_8));

    Report report = evaluator.evaluate(data, 2, 7);
    evaluator.print(report);
    Report again =
        new SyntheticEvaluator(new PrintStream(new ByteArrayOutputStream())).evaluate(data, 2, 7);

    assertThat(report.cases()).hasSize(2 * FaultInjector.TYPES.size() * 2);
    assertThat(report.cases())
        .allSatisfy(r -> assertThat(r.top5()).as(r.toString()).isNotEmpty())
        .extracting(CaseResult::system)
        .containsOnly(SYSTEMS.toArray(String[]::new));
    assertThat(report.systems()).extracting(Figures::name).containsExactlyElementsOf(SYSTEMS);
    for (String system : SYSTEMS) {
      assertThat(report.faultTypes().get(system))
          .extracting(Figures::name)
          .containsExactlyInAnyOrderElementsOf(FaultInjector.TYPES);
      assertThat(report.faultTypes().get(system))
          .allSatisfy(f -> assertThat(f.cases()).isEqualTo(2));
    }
    List<String> lines = buffer.toString(StandardCharsets.UTF_8).strip().lines().toList();
    assertThat(lines.subList(lines.size() - 2, lines.size()))
        .allSatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "RESULT system=\\S+ synthetic=1 cases=10 ac1=[0-9.]+ ac3=[0-9.]+"
                            + " ac5=[0-9.]+ avg5=[0-9.]+ ms_p50=\\d+ ms_p95=\\d+"));
    assertThat(drawn(again)).isEqualTo(drawn(report));
  }

  @Test
  void stretchesAreFaultFreeAndCoveredByTraces() {
    Path data = SharedDataset.require();

    for (NezhaDay day : NezhaDay.discover(data)) {
      List<SyntheticEvaluator.Stretch> stretches = SyntheticEvaluator.quietStretches(day);
      assertThat(stretches).as(day.name).isNotEmpty();
      for (SyntheticEvaluator.Stretch s : stretches) {
        assertThat(s.to() - s.from()).isGreaterThan(SyntheticEvaluator.MIN_WINDOW_SECONDS);
        for (LabelledFault f : day.faults) {
          boolean clear =
              f.alertSeconds() >= s.to()
                  || f.alertSeconds() + SyntheticEvaluator.QUIET_AFTER_SECONDS <= s.from();
          assertThat(clear).as("%s overlaps %s", s, f).isTrue();
        }
      }
    }
  }

  @Test
  void aCaseCountBelowOneIsAClearError() {
    SyntheticEvaluator evaluator =
        new SyntheticEvaluator(new PrintStream(new ByteArrayOutputStream()));

    assertThatThrownBy(() -> evaluator.evaluate(Path.of("unused"), 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}

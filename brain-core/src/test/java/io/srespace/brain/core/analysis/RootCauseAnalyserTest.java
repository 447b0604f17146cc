package io.srespace.brain.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.brain.core.model.Case;
import io.srespace.brain.core.model.Diagnosis;
import io.srespace.brain.core.model.LogLine;
import io.srespace.brain.core.model.MetricSeries;
import io.srespace.brain.core.model.Observations;
import io.srespace.brain.core.model.RankedSuspect;
import io.srespace.brain.core.model.Span;
import io.srespace.brain.core.model.Topology;
import io.srespace.events.FaultClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RootCauseAnalyserTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final long ALERT = 1_700_000_000L * SECOND;

  private final RootCauseAnalyser analyser = new RootCauseAnalyser();

  /** frontend -> checkout -> payment, one request a second; each hop's own work in ms. */
  private static final class Traffic {
    final List<Span> spans = new ArrayList<>();
    final List<LogLine> logs = new ArrayList<>();
    private final Random random = new Random(7);
    private int next;

    void requests(long from, int count, double paymentMs, boolean paymentFails) {
      for (int i = 0; i < count; i++) {
        long t = from + i * SECOND;
        String trace = "trace" + next++;
        double jitter = 1 + 0.1 * random.nextGaussian();
        long pay = (long) (paymentMs * jitter * MS);
        long checkout = (long) (4 * jitter * MS) + pay;
        long front = (long) (3 * jitter * MS) + checkout;
        spans.add(new Span(trace, trace + "f", null, "frontend", "GET /cart", t, t + front));
        spans.add(
            new Span(
                trace,
                trace + "c",
                trace + "f",
                "checkout",
                "PlaceOrder",
                t + MS,
                t + MS + checkout));
        spans.add(
            new Span(
                trace,
                trace + "p",
                trace + "c",
                "payment",
                "Charge",
                t + 2 * MS,
                t + 2 * MS + pay));
        long end = t + 2 * MS + pay;
        if (paymentFails) {
          logs.add(log(end, "payment", trace, "p", "ERROR charge failed: card 4242 declined"));
          logs.add(log(end + MS, "checkout", trace, "c", "ERROR payment for order 991 failed"));
          logs.add(log(end + 2 * MS, "frontend", trace, "f", "ERROR checkout failed for cart 17"));
        } else {
          logs.add(log(end, "payment", trace, "p", "INFO charged card 4242"));
          logs.add(log(end + MS, "checkout", trace, "c", "INFO order 991 placed"));
        }
      }
    }

    private static LogLine log(long t, String service, String trace, String span, String text) {
      return new LogLine(t, service, trace, trace + span.charAt(0), text);
    }
  }

  private static Case spansAndLogs(Traffic baseline, Traffic window) {
    return new Case(
        "synthetic",
        ALERT,
        ALERT + 180 * SECOND,
        new Observations(window.spans, window.logs, List.of()),
        new Observations(baseline.spans, baseline.logs, List.of()),
        Topology.unknown());
  }

  @Test
  void slowCalleeRanksAboveItsSlowCallers() {
    Traffic baseline = new Traffic();
    baseline.requests(ALERT - 300 * SECOND, 120, 5, false);
    Traffic window = new Traffic();
    window.requests(ALERT, 120, 200, false);

    Diagnosis diagnosis = analyser.analyse(spansAndLogs(baseline, window));

    RankedSuspect top = diagnosis.suspects().get(0);
    assertThat(top.service()).isEqualTo("payment");
    assertThat(top.faultClass()).isEqualTo(FaultClass.LATENCY);
    assertThat(top.evidence().get(0).detail()).contains("self time of Charge").contains("trace");
    assertThat(diagnosis.suspects())
        .filteredOn(s -> !s.service().equals("payment"))
        .allSatisfy(s -> assertThat(s.score()).isLessThan(top.score()));
  }

  @Test
  void erroringLeafRanksAboveTheServicesThatPropagateItsErrors() {
    Traffic baseline = new Traffic();
    baseline.requests(ALERT - 300 * SECOND, 120, 5, false);
    Traffic window = new Traffic();
    window.requests(ALERT, 120, 5, true);

    Diagnosis diagnosis = analyser.analyse(spansAndLogs(baseline, window));

    assertThat(diagnosis.topServices(3)).first().isEqualTo("payment");
    assertThat(diagnosis.topServices(3)).contains("checkout");
    RankedSuspect top = diagnosis.suspects().get(0);
    assertThat(top.faultClass()).isIn(FaultClass.ERRORS, FaultClass.WRONG_RESULT);
    assertThat(top.evidence()).anySatisfy(e -> assertThat(e.detail()).contains("charge failed"));
  }

  @Test
  void aCaseWithOnlyMetricsIsAnalysedAndSaysWhatIsMissing() {
    List<MetricSeries> before = new ArrayList<>();
    List<MetricSeries> after = new ArrayList<>();
    for (String service : List.of("cart", "catalog", "frontend")) {
      boolean hot = service.equals("cart");
      before.add(series(service, "CpuUsageRate(%)", ALERT - 600 * SECOND, 10, 12, 11, 10, 13, 12));
      after.add(
          series(service, "CpuUsageRate(%)", ALERT, hot ? 92 : 11, hot ? 95 : 12, hot ? 90 : 10));
      before.add(series(service, "MemoryUsageRate(%)", ALERT - 600 * SECOND, 30, 30, 31, 30, 30));
      after.add(series(service, "MemoryUsageRate(%)", ALERT, 30, 31, 30));
    }
    Case incident =
        new Case(
            "metrics-only",
            ALERT,
            ALERT + 180 * SECOND,
            new Observations(List.of(), List.of(), after),
            new Observations(List.of(), List.of(), before),
            null);

    Diagnosis diagnosis = analyser.analyse(incident);

    assertThat(diagnosis.topServices(1)).containsExactly("cart");
    assertThat(diagnosis.suspects().get(0).faultClass()).isEqualTo(FaultClass.CPU);
    assertThat(diagnosis.suspects().get(0).evidence().get(0).detail()).contains("CpuUsageRate");
    assertThat(diagnosis.notes())
        .anySatisfy(n -> assertThat(n).contains("no spans"))
        .anySatisfy(n -> assertThat(n).contains("no logs"));
  }

  @Test
  void aCaseWithOnlySpansIsAnalysedAndSaysWhatIsMissing() {
    Traffic baseline = new Traffic();
    baseline.requests(ALERT - 300 * SECOND, 60, 5, false);
    Traffic window = new Traffic();
    window.requests(ALERT, 60, 80, false);
    Case incident =
        new Case(
            "spans-only",
            ALERT,
            ALERT + 180 * SECOND,
            new Observations(window.spans, List.of(), List.of()),
            new Observations(baseline.spans, List.of(), List.of()),
            null);

    Diagnosis diagnosis = analyser.analyse(incident);

    assertThat(diagnosis.topServices(1)).containsExactly("payment");
    assertThat(diagnosis.notes())
        .anySatisfy(n -> assertThat(n).contains("no logs"))
        .anySatisfy(n -> assertThat(n).contains("no metric"));
  }

  @Test
  void scoresComeFromTheDataNotFromAConstant() {
    Traffic baseline = new Traffic();
    baseline.requests(ALERT - 300 * SECOND, 120, 5, false);
    Traffic mild = new Traffic();
    mild.requests(ALERT, 120, 8, false);
    Traffic severe = new Traffic();
    severe.requests(ALERT, 120, 400, false);

    double mildScore = analyser.analyse(spansAndLogs(baseline, mild)).suspects().get(0).score();
    double severeScore = analyser.analyse(spansAndLogs(baseline, severe)).suspects().get(0).score();

    assertThat(severeScore).isGreaterThan(mildScore);
  }

  private static MetricSeries cpu(String service, long from, double... values) {
    long[] times = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      times[i] = from + i * 60 * SECOND;
    }
    return new MetricSeries(service, "CpuUsageRate(%)", times, values);
  }

  @Test
  void whenNothingCrossesTheNoiseTheLargestDeviationStillComesFirstWithScoreZero() {
    long before = ALERT - 900 * SECOND;
    Case incident =
        new Case(
            "quiet",
            ALERT,
            ALERT + 180 * SECOND,
            new Observations(
                List.of(),
                List.of(),
                List.of(cpu("cart", ALERT, 12, 12, 12), cpu("email", ALERT, 10, 10, 10))),
            new Observations(
                List.of(),
                List.of(),
                List.of(
                    cpu("cart", before, 10, 10.5, 9.5, 10, 10.2),
                    cpu("email", before, 10, 10.5, 9.5, 10, 10.2))),
            null);

    List<RankedSuspect> suspects = analyser.analyse(incident).suspects();

    assertThat(suspects).extracting(RankedSuspect::service).containsExactly("cart", "email");
    assertThat(suspects).allSatisfy(s -> assertThat(s.score()).isZero());
  }

  @Test
  void anEmptyWindowIsAClearError() {
    Traffic baseline = new Traffic();
    baseline.requests(ALERT - 300 * SECOND, 10, 5, false);
    Case incident =
        new Case(
            "nothing-seen",
            ALERT,
            ALERT + 180 * SECOND,
            Observations.empty(),
            new Observations(baseline.spans, List.of(), List.of()),
            null);

    assertThatThrownBy(() -> analyser.analyse(incident))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nothing-seen")
        .hasMessageContaining("empty window");
  }

  private static MetricSeries series(String service, String name, long from, double... values) {
    long[] times = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      times[i] = from + i * 60 * SECOND;
    }
    return new MetricSeries(service, name, times, values);
  }
}

package io.srespace.brain.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.brain.core.model.LogLine;
import io.srespace.brain.core.model.MetricSeries;
import io.srespace.brain.core.model.Observations;
import io.srespace.brain.core.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselineCleanerTest {

  private static final long MINUTE = 60_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final long START = 28_000_000 * MINUTE;

  /**
   * front -> cart, ten requests a minute for ten minutes; in the slow minutes cart's own work and
   * its redis calls take twenty times longer (as under CPU contention).
   */
  private static List<Span> traffic(int slowFrom, int slowTo) {
    Random random = new Random(3);
    List<Span> spans = new ArrayList<>();
    for (int minute = 0; minute < 10; minute++) {
      boolean slow = minute >= slowFrom && minute < slowTo;
      for (int i = 0; i < 10; i++) {
        long t = START + minute * MINUTE + i * 5_000 * MS;
        long cart = (long) ((slow ? 40 : 2) * (1 + 0.1 * random.nextGaussian()) * MS);
        String trace = "m%d-%d".formatted(minute, i);
        long own = 2 * cart;
        spans.add(new Span(trace, trace + "f", null, "front", "GET /", t, t + own + 4 * MS));
        spans.add(
            new Span(
                trace, trace + "c", trace + "f", "front", "GetCart", t + MS, t + 2 * MS + own));
        spans.add(
            new Span(
                trace,
                trace + "s",
                trace + "c",
                "cart",
                "GetCart",
                t + 3 * MS / 2,
                t + 3 * MS / 2 + own));
        spans.add(
            new Span(
                trace,
                trace + "d",
                trace + "s",
                "cart",
                "redis GET",
                t + 2 * MS,
                t + 2 * MS + cart));
      }
    }
    return spans;
  }

  @Test
  void aServiceSlowInSomeMinutesLosesThoseMinutesOnlyWithTheCallsIntoItThen() {
    List<Span> spans = traffic(3, 5);
    MetricSeries cpu =
        new MetricSeries(
            "cart",
            "CpuUsageRate(%)",
            new long[] {START + 3 * MINUTE + 1, START + 6 * MINUTE + 1},
            new double[] {90, 5});
    Observations baseline = new Observations(spans, List.of(), List.of(cpu));

    BaselineCleaner.Cleaned cleaned =
        new BaselineCleaner().clean(baseline, new LogTemplates.Memo());

    SpanGraph graph = new SpanGraph(spans);
    List<String> excluded =
        spans.stream()
            .filter(s -> cleaned.marks().excludes(graph, s))
            .map(Span::spanId)
            .distinct()
            .toList();
    assertThat(excluded).allMatch(id -> id.startsWith("m3-") || id.startsWith("m4-"));
    // cart's spans, and front's spans that called cart then (its client span and its handler).
    assertThat(excluded).hasSize(2 * 10 * 4).contains("m3-0s", "m4-9d", "m3-0c", "m4-0f");
    assertThat(cleaned.baseline().metrics().get(0).values()).containsExactly(5.0);
    assertThat(cleaned.why()).contains("cart slow");
  }

  @Test
  void anErrorTemplateBurstMarksItsServiceAndACleanBaselineKeepsEverything() {
    List<Span> spans = traffic(0, 0);
    List<LogLine> logs = new ArrayList<>();
    for (int minute = 0; minute < 10; minute++) {
      int errors = minute == 7 ? 12 : minute % 4 == 0 ? 1 : 0;
      for (int i = 0; i < errors; i++) {
        logs.add(
            new LogLine(
                START + minute * MINUTE + i * MS, "cart", null, null, "ERROR redis timeout 42"));
      }
      logs.add(new LogLine(START + minute * MINUTE, "front", null, null, "INFO served 200"));
    }
    BaselineCleaner cleaner = new BaselineCleaner();

    BaselineCleaner.Cleaned burst =
        cleaner.clean(new Observations(spans, logs, List.of()), new LogTemplates.Memo());
    BaselineCleaner.Cleaned clean =
        cleaner.clean(new Observations(spans, List.of(), List.of()), new LogTemplates.Memo());

    assertThat(burst.marks().byMinute()).hasSize(1);
    assertThat(burst.marks().excludes("cart", START + 7 * MINUTE + 5)).isTrue();
    assertThat(burst.marks().excludes("front", START + 7 * MINUTE + 5)).isFalse();
    assertThat(burst.baseline().logs()).hasSize(logs.size() - 12);
    assertThat(clean.marks().size()).isZero();
    assertThat(clean.baseline()).isEqualTo(new Observations(spans, List.of(), List.of()));
  }
}

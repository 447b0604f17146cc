package io.srespace.brain.core.nezha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.brain.core.model.LogLine;
import io.srespace.brain.core.model.MetricSeries;
import io.srespace.brain.core.model.Observations;
import io.srespace.brain.core.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

  private static final long MS = 1_000_000L;
  private static final long T0 = 1_700_000_000_000_000_000L;

  private final FaultInjector injector = new FaultInjector();

  private static Span span(
      String trace, String id, String parent, String service, long startMs, long endMs) {
    return new Span(
        trace, id, parent, service, service + "." + id, T0 + startMs * MS, T0 + endMs * MS);
  }

  private static Observations spans(Span... spans) {
    return new Observations(List.of(spans), List.of(), List.of());
  }

  private static Map<String, Span> byId(Observations window) {
    return window.spans().stream().collect(Collectors.toMap(Span::spanId, Function.identity()));
  }

  private static long ms(long nanos) {
    return (nanos - T0) / MS;
  }

  private static long durationMs(Span span) {
    return (span.endNanos() - span.startNanos()) / MS;
  }

  private Observations inject(Observations window, String service, String type, double intensity) {
    return injector.inject(window, service, type, intensity, new Random(1)).window();
  }

  @Test
  void networkDelayOnALeafLengthensItsCallersCallsButNotItsOwnSpans() {
    Observations window =
        spans(
            span("t1", "root", null, "a", 0, 20),
            span("t1", "callB", "root", "a", 2, 12),
            span("t1", "b", "callB", "b", 4, 10));

    Map<String, Span> after = byId(inject(window, "b", "network_delay", 100));

    assertThat(durationMs(after.get("callB"))).isEqualTo(10 + 100);
    assertThat(after.get("b")).isEqualTo(window.spans().get(2));
    assertThat(ms(after.get("root").endNanos())).isEqualTo(120);
  }

  @Test
  void networkDelayOnAMidTierServiceDelaysItsCallsOutAndItsAnswers() {
    Observations window =
        spans(
            span("t1", "root", null, "a", 0, 30),
            span("t1", "callB", "root", "a", 1, 25),
            span("t1", "b", "callB", "b", 3, 23),
            span("t1", "callC", "b", "b", 5, 15),
            span("t1", "c", "callC", "c", 7, 13));

    Map<String, Span> after = byId(inject(window, "b", "network_delay", 50));

    assertThat(durationMs(after.get("callC"))).as("b's call out").isEqualTo(10 + 50);
    assertThat(durationMs(after.get("callB"))).as("a's call into b").isEqualTo(24 + 100);
    assertThat(durationMs(after.get("c"))).as("c's own span").isEqualTo(6);
    assertThat(ms(after.get("c").startNanos())).as("c's request arrives late").isEqualTo(57);
    assertThat(durationMs(after.get("b"))).as("b waits on c only").isEqualTo(20 + 50);
    assertThat(after.get("b").startNanos()).isEqualTo(window.spans().get(2).startNanos());
  }

  @Test
  void sequentialSiblingsMoveAndParallelOnesDoNot() {
    Observations window =
        spans(
            span("t1", "b", null, "b", 0, 40),
            span("t1", "callC", "b", "b", 2, 10),
            span("t1", "c", "callC", "c", 3, 9),
            span("t1", "callE", "b", "b", 4, 9),
            span("t1", "e", "callE", "e", 5, 8),
            span("t1", "callD", "b", "b", 15, 25),
            span("t1", "d", "callD", "d", 16, 24));

    Map<String, Span> after = byId(inject(window, "c", "network_delay", 30));

    assertThat(after.get("callE")).as("parallel").isEqualTo(window.spans().get(3));
    assertThat(after.get("e")).as("parallel").isEqualTo(window.spans().get(4));
    assertThat(ms(after.get("callD").startNanos())).as("sequential").isEqualTo(45);
    assertThat(ms(after.get("d").startNanos())).as("sequential").isEqualTo(46);
    assertThat(durationMs(after.get("d"))).isEqualTo(8);
    assertThat(ms(after.get("b").endNanos())).isEqualTo(70);
  }

  private static MetricSeries cpu(String service, double... values) {
    long[] times = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      times[i] = T0 + i * 60_000 * MS;
    }
    return new MetricSeries(service, "CpuUsageRate(%)", times, values);
  }

  private static Observations cpuWindow() {
    return new Observations(
        List.of(
            span("t1", "root", null, "a", 0, 45),
            span("t1", "callB", "root", "a", 2, 42),
            span("t1", "b", "callB", "b", 4, 40),
            span("t1", "db", "b", "b", 10, 14)),
        List.of(),
        List.of(cpu("a", 10, 12, 11), cpu("b", 20, 22, 99.5)));
  }

  @Test
  void cpuContentionStretchesTheServicesOwnTimeByTheFactorAndRaisesItsCpu() {
    Observations after = inject(cpuWindow(), "b", "cpu_contention", 2);

    Map<String, Span> spans = byId(after);
    Span b = spans.get("b");
    Span db = spans.get("db");
    long self = durationMs(b) - durationMs(db);
    assertThat(self).isEqualTo(2 * (36 - 4));
    assertThat(ms(db.startNanos())).as("own work before the child doubled").isEqualTo(16);
    assertThat(durationMs(db)).as("an inner span of the service is its own work too").isEqualTo(8);
    assertThat(durationMs(spans.get("callB")))
        .as("the caller waits for all of it")
        .isEqualTo(40 + 36);
    assertThat(after.metrics().get(0).values()).containsExactly(10, 12, 11);
    double[] raised = after.metrics().get(1).values();
    assertThat(raised[0]).isGreaterThan(20);
    assertThat(raised[1]).isGreaterThan(22);
    assertThat(raised[2]).isGreaterThan(99.5).isLessThanOrEqualTo(100);
  }

  @Test
  void cpuConsumedRaisesTheCpuMoreAndTheLatencyLessThanContention() {
    Observations contention = inject(cpuWindow(), "b", "cpu_contention", 3);
    Observations consumed = inject(cpuWindow(), "b", "cpu_consumed", 3);

    assertThat(durationMs(byId(consumed).get("b")))
        .isGreaterThan(36)
        .isLessThan(durationMs(byId(contention).get("b")));
    assertThat(consumed.metrics().get(1).values()[0])
        .isGreaterThan(contention.metrics().get(1).values()[0]);
  }

  /** a's handler calls b, then c; b does some work of its own in an inner span. */
  private static Observations callsBThenC(int traces) {
    List<Span> spans = new ArrayList<>();
    List<LogLine> logs = new ArrayList<>();
    for (int i = 0; i < traces; i++) {
      String t = "t" + i;
      spans.add(span(t, "root", null, "a", 0, 30));
      spans.add(span(t, "callB", "root", "a", 2, 12));
      spans.add(span(t, "b", "callB", "b", 4, 10));
      spans.add(span(t, "bWork", "b", "b", 6, 8));
      spans.add(span(t, "callC", "root", "a", 15, 25));
      spans.add(span(t, "c", "callC", "c", 16, 24));
      logs.add(new LogLine(T0 + 29 * MS, "a", t, "root", "INFO order placed"));
    }
    return new Observations(spans, logs, List.of());
  }

  private static List<Span> ofTrace(Observations window, String trace) {
    return window.spans().stream().filter(s -> s.traceId().equals(trace)).toList();
  }

  @Test
  void anExceptionEndsTheServicesSpansEarlyAndItsCallersGiveUpAndLogAnError() {
    Observations before = callsBThenC(20);

    Observations after = inject(before, "b", "exception", 1.0);

    for (int i = 0; i < 20; i++) {
      String trace = "t" + i;
      Map<String, Span> spans =
          ofTrace(after, trace).stream()
              .collect(Collectors.toMap(Span::spanId, Function.identity()));
      Span b = spans.get("b");
      assertThat(ms(b.endNanos())).isLessThan(10).isGreaterThanOrEqualTo(4);
      if (spans.containsKey("bWork")) {
        assertThat(spans.get("bWork").endNanos()).isLessThanOrEqualTo(b.endNanos());
      }
      assertThat(spans.get("callB").endNanos()).isLessThan(T0 + 12 * MS);
      assertThat(spans).doesNotContainKeys("callC", "c");
      assertThat(spans.get("root").endNanos())
          .isBetween(spans.get("callB").endNanos(), spans.get("callB").endNanos() + MS);
      assertThat(after.logs())
          .filteredOn(l -> trace.equals(l.traceId()) && l.service().equals("a"))
          .filteredOn(l -> l.message().contains("ERROR"))
          .singleElement()
          .satisfies(l -> assertThat(l.spanId()).isEqualTo("root"))
          .satisfies(l -> assertThat(l.message()).contains("call to b failed").contains(trace));
    }
    assertThat(after.logs())
        .filteredOn(l -> l.message().contains("INFO order placed"))
        .as("the handler's own later log line is never written")
        .isEmpty();
    assertThat(after.logs()).anySatisfy(l -> assertThat(l.service()).isEqualTo("b"));
  }

  @Test
  void aWrongReturnValueMakesCallersSkipTheirLaterCallsWithoutErrors() {
    Observations before = callsBThenC(20);

    Observations after = inject(before, "b", "return", 1.0);

    assertThat(after.spans())
        .filteredOn(s -> s.service().equals("b"))
        .containsExactlyElementsOf(
            before.spans().stream().filter(s -> s.service().equals("b")).toList());
    assertThat(after.spans()).noneMatch(s -> s.spanId().equals("callC") || s.service().equals("c"));
    assertThat(after.spans())
        .filteredOn(s -> s.spanId().equals("root"))
        .allSatisfy(root -> assertThat(ms(root.endNanos())).isBetween(12L, 13L));
    assertThat(after.logs()).noneMatch(l -> l.message().contains("ERROR"));
  }

  @Test
  void aShareOfRequestsFailsAndTheSameSeedGivesTheSameWindow() {
    Observations before = callsBThenC(200);

    FaultInjector.InjectedFault first =
        injector.inject(before, "b", "exception", 0.3, new Random(9));
    FaultInjector.InjectedFault again =
        injector.inject(before, "b", "exception", 0.3, new Random(9));
    FaultInjector.InjectedFault other =
        injector.inject(before, "b", "exception", 0.3, new Random(10));

    assertThat(again.window().spans()).isEqualTo(first.window().spans());
    assertThat(again.window().logs()).isEqualTo(first.window().logs());
    assertThat(again.detail()).isEqualTo(first.detail());
    assertThat(other.window().spans()).isNotEqualTo(first.window().spans());
    long succeeded = first.window().spans().stream().filter(s -> s.spanId().equals("c")).count();
    assertThat(200 - succeeded).isBetween(30L, 90L);
  }

  @Test
  void targetsAreServicesTheFaultCanBeSeenIn() {
    Observations window = callsBThenC(20);

    assertThat(FaultInjector.targets(window, "return")).containsExactly("b");
    assertThat(FaultInjector.targets(window, "exception")).containsExactly("a", "b", "c");
    assertThat(FaultInjector.targets(window, "network_delay")).containsExactly("a", "b", "c");
    assertThat(FaultInjector.targets(callsBThenC(3), "cpu_consumed")).isEmpty();
  }

  @Test
  void anUnknownTypeOrABadIntensityIsAClearError() {
    Observations window = callsBThenC(1);

    assertThatThrownBy(() -> inject(window, "b", "disk_full", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("disk_full");
    assertThatThrownBy(() -> inject(window, "b", "exception", 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exception");
  }
}

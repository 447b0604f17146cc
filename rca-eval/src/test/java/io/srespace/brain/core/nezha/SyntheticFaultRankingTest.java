package io.srespace.brain.core.nezha;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.brain.core.analysis.RootCauseAnalyser;
import io.srespace.brain.core.model.Case;
import io.srespace.brain.core.model.Diagnosis;
import io.srespace.brain.core.model.MetricSeries;
import io.srespace.brain.core.model.Observations;
import io.srespace.brain.core.model.RankedSuspect;
import io.srespace.brain.core.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into a small hand-built system (frontend → checkout → {payment, email}, frontend
 * → catalog) must be ranked where they are, not at the callers or callees that only see them.
 */
class SyntheticFaultRankingTest {

  private static final long SECOND = 1_000_000_000L;
  private static final double MS = 1_000_000;
  private static final long ALERT = 1_700_000_000L * SECOND;
  private static final List<String> SERVICES =
      List.of("frontend", "catalog", "checkout", "payment", "email");

  private final RootCauseAnalyser analyser = new RootCauseAnalyser();

  /** One request a second through every service; each hop's own work jitters by about 10 %. */
  private static final class Shop {
    final List<Span> spans = new ArrayList<>();
    private final Random random;
    private final double paymentWorkMs;
    private String trace;
    private int ids;

    Shop(long seed, double paymentWorkMs) {
      this.random = new Random(seed);
      this.paymentWorkMs = paymentWorkMs;
    }

    Shop requests(long from, int count) {
      for (int i = 0; i < count; i++) {
        trace = "trace-" + from + "-" + i;
        serve(null, "frontend", "GET /checkout", from + i * SECOND, this::frontend);
      }
      return this;
    }

    private long work(double ms) {
      return Math.round(ms * MS * Math.max(0.5, 1 + 0.1 * random.nextGaussian()));
    }

    private interface Handler {
      long handle(String spanId, long start);
    }

    private long serve(String parent, String service, String operation, long start, Handler h) {
      String id = "s" + ids++;
      long end = h.handle(id, start);
      spans.add(new Span(trace, id, parent, service, operation, start, end));
      return end;
    }

    private long call(String parent, String caller, String callee, String op, long at, Handler h) {
      String id = "s" + ids++;
      long served = serve(id, callee, op, at + work(0.4), h);
      long end = served + work(0.4);
      spans.add(new Span(trace, id, parent, caller, callee + "/" + op, at, end));
      return end;
    }

    private long frontend(String id, long start) {
      long t = start + work(1);
      t = call(id, "frontend", "catalog", "GetProduct", t, (s, at) -> at + work(2)) + work(0.5);
      t = call(id, "frontend", "checkout", "PlaceOrder", t, this::checkout);
      return t + work(1);
    }

    private long checkout(String id, long start) {
      long t = start + work(3);
      t = call(id, "checkout", "payment", "Charge", t, (s, at) -> at + work(paymentWorkMs));
      t += work(1);
      t = call(id, "checkout", "email", "SendConfirmation", t, (s, at) -> at + work(2));
      return t + work(1);
    }
  }

  private static List<MetricSeries> cpu(long from, int points, long seed) {
    Random random = new Random(seed);
    List<MetricSeries> series = new ArrayList<>();
    for (String service : SERVICES) {
      long[] times = new long[points];
      double[] values = new double[points];
      for (int i = 0; i < points; i++) {
        times[i] = from + i * 60 * SECOND;
        values[i] = 10 + random.nextGaussian();
      }
      series.add(new MetricSeries(service, "CpuUsageRate(%)", times, values));
    }
    return series;
  }

  private static Observations baseline() {
    Shop shop = new Shop(1, 4).requests(ALERT - 660 * SECOND, 600);
    return new Observations(shop.spans, List.of(), cpu(ALERT - 1800 * SECOND, 29, 2));
  }

  private static Observations window(double paymentWorkMs) {
    Shop shop = new Shop(3, paymentWorkMs).requests(ALERT, 180);
    return new Observations(shop.spans, List.of(), cpu(ALERT + 30 * SECOND, 3, 4));
  }

  private Diagnosis diagnose(Observations window) {
    return analyser.analyse(
        new Case("synthetic", ALERT, ALERT + 180 * SECOND, window, baseline(), null));
  }

  private Diagnosis inject(String service, String type, double intensity) {
    return diagnose(
        new FaultInjector().inject(window(4), service, type, intensity, new Random(5)).window());
  }

  private static String explain(Diagnosis diagnosis) {
    return diagnosis.suspects().stream()
        .map(SyntheticFaultRankingTest::explain)
        .collect(Collectors.joining("\n", "ranking:\n", ""));
  }

  private static String explain(RankedSuspect s) {
    return "  %s %.2f %s%n%s"
        .formatted(
            s.service(),
            s.score(),
            s.faultClass(),
            s.evidence().stream().map(e -> "      " + e).collect(Collectors.joining("\n")));
  }

  @Test
  void aNetworkDelayOnALeafRanksTheLeafFirst() {
    Diagnosis diagnosis = inject("payment", "network_delay", 200);

    assertThat(diagnosis.topServices(1)).as(explain(diagnosis)).containsExactly("payment");
  }

  @Test
  void aNetworkDelayOnAMidTierServiceRanksItAboveItsCallersAndCallees() {
    Diagnosis diagnosis = inject("checkout", "network_delay", 200);

    assertThat(diagnosis.topServices(1)).as(explain(diagnosis)).containsExactly("checkout");
  }

  @Test
  void aCpuFaultOnACallerRanksTheCallerNotItsCallees() {
    Diagnosis diagnosis = inject("checkout", "cpu_contention", 3);

    assertThat(diagnosis.topServices(1)).as(explain(diagnosis)).containsExactly("checkout");
  }

  @Test
  void slowOwnWorkInACalleeRanksTheCalleeNotItsCaller() {
    Diagnosis diagnosis = diagnose(window(40));

    assertThat(diagnosis.topServices(1)).as(explain(diagnosis)).containsExactly("payment");
  }
}

package io.srespace.brain.core.nezha;

import io.srespace.brain.core.analysis.RootCauseAnalyser;
import io.srespace.brain.core.model.Case;
import io.srespace.brain.core.model.Diagnosis;
import io.srespace.brain.core.model.RankedSuspect;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs the analysis core over every labelled fault of a Nezha-layout dataset and scores it:
 * AC@1/3/5, Avg@5 and analysis time (reading the case's files included) per system and fault type.
 */
public final class RcaEvaluator {

  /** One scored case. */
  public record CaseResult(
      String system,
      String day,
      String alertTime,
      String truth,
      String faultType,
      List<String> top5,
      int rank,
      long millis,
      String predictedClass,
      String note) {}

  /** Figures of a group of cases. */
  public record Figures(
      String name, int cases, double ac1, double ac3, double ac5, double avg5, long p50, long p95) {

    static Figures of(String name, List<CaseResult> results) {
      int n = results.size();
      double[] ac = new double[6];
      for (int k = 1; k <= 5; k++) {
        int hits = 0;
        for (CaseResult r : results) {
          if (r.rank() >= 1 && r.rank() <= k) {
            hits++;
          }
        }
        ac[k] = n == 0 ? 0 : (double) hits / n;
      }
      double avg5 = (ac[1] + ac[2] + ac[3] + ac[4] + ac[5]) / 5;
      long[] ms = results.stream().mapToLong(CaseResult::millis).sorted().toArray();
      return new Figures(
          name, n, ac[1], ac[3], ac[5], avg5, percentile(ms, 50), percentile(ms, 95));
    }

    private static long percentile(long[] sorted, int p) {
      if (sorted.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    String resultLine(boolean synthetic) {
      return "RESULT system=%s%s cases=%d ac1=%.3f ac3=%.3f ac5=%.3f avg5=%.3f ms_p50=%d ms_p95=%d"
          .formatted(name, synthetic ? " synthetic=1" : "", cases, ac1, ac3, ac5, avg5, p50, p95);
    }
  }

  /** Everything the evaluation found. */
  public record Report(
      List<Figures> systems,
      Map<String, List<Figures>> faultTypes,
      List<CaseResult> cases,
      long peakHeapMb) {}

  private static final boolean EXPLAIN = Boolean.getBoolean("rca.explain");

  private final PrintStream out;

  public RcaEvaluator(PrintStream out) {
    this.out = out;
  }

  /** One case to analyse with the fault behind it, which only scoring reads. */
  record Sample(String system, String day, LabelledFault fault, Case incident, long loadMillis) {}

  public Report evaluate(Path data) {
    return evaluate(data, new RootCauseAnalyser());
  }

  Report evaluate(Path data, RootCauseAnalyser analyser) {
    List<NezhaDay> days = NezhaDay.discover(data);
    int total = days.stream().mapToInt(d -> d.faults.size()).sum();
    if (total == 0) {
      throw new IllegalArgumentException("%s has no labelled faults".formatted(data));
    }
    return evaluate(samples(days), total, analyser);
  }

  /** Scores drawn cases (semi-synthetic faults) as the labelled ones are. */
  Report evaluateDrawn(Stream<Sample> samples, int total) {
    return evaluate(samples, total, new RootCauseAnalyser());
  }

  private Report evaluate(Stream<Sample> samples, int total, RootCauseAnalyser analyser) {
    List<CaseResult> results = new ArrayList<>();
    samples.forEach(
        sample -> {
          CaseResult result = score(sample, analyser, EXPLAIN);
          results.add(result);
          printCase(results.size(), total, result);
        });
    return report(results);
  }

  /** Scores every labelled case with each signal or rule off in turn, and prints the table. */
  Ablation.Result ablation(Path data) {
    List<NezhaDay> days = NezhaDay.discover(data);
    int total = days.stream().mapToInt(d -> d.faults.size()).sum();
    return ablation(samples(days), total);
  }

  /** The ablation over any cases, such as semi-synthetic ones. */
  Ablation.Result ablation(Stream<Sample> samples, int total) {
    Ablation ablation = new Ablation(this, out);
    Ablation.Result result = ablation.run(samples, total);
    ablation.print(result);
    return result;
  }

  /** The labelled cases of the days, loaded one at a time so memory holds one case. */
  static Stream<Sample> samples(List<NezhaDay> days) {
    return days.stream()
        .flatMap(
            day -> {
              NezhaCaseLoader loader = new NezhaCaseLoader(day);
              return day.faults.stream()
                  .map(
                      fault -> {
                        long started = System.nanoTime();
                        Case incident = loader.load(fault);
                        return new Sample(
                            day.system,
                            day.name,
                            fault,
                            incident,
                            (System.nanoTime() - started) / 1_000_000);
                      });
            });
  }

  void printCase(int done, int total, CaseResult result) {
    out.printf(
        "[%2d/%d] %-15s %s %s  truth=%s (%s)  rank=%s  %d ms  top5=%s%s%n",
        done,
        total,
        result.system(),
        result.day(),
        result.alertTime(),
        result.truth(),
        result.faultType(),
        result.rank() > 0 ? result.rank() : "-",
        result.millis(),
        String.join(",", result.top5()),
        result.note().isEmpty() ? "" : "  [" + result.note() + "]");
  }

  /** Per system and fault type figures of scored cases. */
  static Report report(List<CaseResult> results) {
    Map<String, List<CaseResult>> bySystem = new TreeMap<>();
    results.forEach(r -> bySystem.computeIfAbsent(r.system(), k -> new ArrayList<>()).add(r));
    List<Figures> systems = new ArrayList<>();
    Map<String, List<Figures>> faultTypes = new LinkedHashMap<>();
    bySystem.forEach(
        (system, list) -> {
          systems.add(Figures.of(system, list));
          Map<String, List<CaseResult>> byType = new TreeMap<>();
          list.forEach(r -> byType.computeIfAbsent(r.faultType(), k -> new ArrayList<>()).add(r));
          List<Figures> types = new ArrayList<>();
          byType.forEach((type, l) -> types.add(Figures.of(type, l)));
          faultTypes.put(system, types);
        });
    return new Report(systems, faultTypes, results, peakHeapMb());
  }

  /** Analyses one case and ranks its true service; the time includes loading the case. */
  CaseResult score(Sample sample, RootCauseAnalyser analyser, boolean explain) {
    long started = System.nanoTime();
    LabelledFault fault = sample.fault();
    String note = fault.note();
    List<String> top5;
    String predicted = "";
    int rank = 0;
    try {
      Diagnosis diagnosis = analyser.analyse(sample.incident());
      top5 = diagnosis.topServices(5);
      List<RankedSuspect> suspects = diagnosis.suspects();
      for (int i = 0; i < suspects.size(); i++) {
        if (suspects.get(i).service().equals(fault.service())) {
          rank = i + 1;
          break;
        }
      }
      if (!suspects.isEmpty()) {
        predicted = suspects.get(0).faultClass().id();
      }
      if (explain) {
        explain(suspects, fault.service());
      }
      if (!diagnosis.notes().isEmpty()) {
        note = (note.isEmpty() ? "" : note + "; ") + String.join("; ", diagnosis.notes());
      }
    } catch (IllegalArgumentException e) {
      top5 = List.of();
      note = (note.isEmpty() ? "" : note + "; ") + e.getMessage();
    }
    long millis = sample.loadMillis() + (System.nanoTime() - started) / 1_000_000;
    return new CaseResult(
        sample.system(),
        sample.day(),
        NezhaCaseLoader.clock(fault.alertSeconds()),
        fault.service(),
        fault.type(),
        top5,
        rank,
        millis,
        predicted,
        note);
  }

  private void explain(List<RankedSuspect> suspects, String truth) {
    for (int i = 0; i < suspects.size(); i++) {
      RankedSuspect s = suspects.get(i);
      if (i < 3 || s.service().equals(truth)) {
        out.printf("    #%d %s %.2f %s%n", i + 1, s.service(), s.score(), s.faultClass());
        s.evidence().stream().limit(5).forEach(e -> out.println("        " + e));
      }
    }
  }

  public void print(Report report) {
    print(report, false);
  }

  void print(Report report, boolean synthetic) {
    out.println();
    for (Figures system : report.systems()) {
      out.printf("%s%s%n", system.name(), synthetic ? " (semi-synthetic faults)" : "");
      out.printf(
          "  %-16s %5s %6s %6s %6s %6s %7s %7s%n",
          "fault type", "cases", "AC@1", "AC@3", "AC@5", "Avg@5", "ms p50", "ms p95");
      for (Figures f : report.faultTypes().get(system.name())) {
        row(f);
      }
      row(
          new Figures(
              "all",
              system.cases(),
              system.ac1(),
              system.ac3(),
              system.ac5(),
              system.avg5(),
              system.p50(),
              system.p95()));
    }
    out.printf("peak heap %d MB%n", report.peakHeapMb());
    for (Figures system : report.systems()) {
      out.println(system.resultLine(synthetic));
    }
  }

  private void row(Figures f) {
    out.printf(
        "  %-16s %5d %6.3f %6.3f %6.3f %6.3f %7d %7d%n",
        f.name(), f.cases(), f.ac1(), f.ac3(), f.ac5(), f.avg5(), f.p50(), f.p95());
  }

  static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024 * 1024);
  }

  public static void main(String[] args) {
    System.exit(RcaEvalCommand.run(args));
  }
}

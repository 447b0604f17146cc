package io.srespace.brain.core.nezha;

import io.srespace.brain.core.analysis.RootCauseAnalyser;
import io.srespace.brain.core.analysis.Rule;
import io.srespace.brain.core.nezha.RcaEvaluator.CaseResult;
import io.srespace.brain.core.nezha.RcaEvaluator.Figures;
import io.srespace.brain.core.nezha.RcaEvaluator.Report;
import io.srespace.brain.core.nezha.RcaEvaluator.Sample;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Scores every case with each signal or rule of the analysis switched off in turn, so what each one
 * earns (or costs) on each system and fault type is visible; a case is loaded once for all.
 */
final class Ablation {

  static final String ALL_ON = "everything on";

  /** Each configuration's report, everything on first. */
  record Result(Map<String, Report> byConfig) {

    Report allOn() {
      return byConfig.get(ALL_ON);
    }
  }

  private final RcaEvaluator scorer;
  private final PrintStream out;

  Ablation(RcaEvaluator scorer, PrintStream out) {
    this.scorer = scorer;
    this.out = out;
  }

  Result run(Stream<Sample> samples, int total) {
    Map<String, RootCauseAnalyser> configs = new LinkedHashMap<>();
    configs.put(ALL_ON, new RootCauseAnalyser());
    for (Rule rule : Rule.values()) {
      configs.put("-" + rule.label(), new RootCauseAnalyser(EnumSet.of(rule)));
    }
    Map<String, List<CaseResult>> results = new LinkedHashMap<>();
    configs.keySet().forEach(name -> results.put(name, new ArrayList<>()));
    int[] done = {0};
    samples.forEach(
        sample -> {
          configs.forEach(
              (name, analyser) -> results.get(name).add(scorer.score(sample, analyser, false)));
          done[0]++;
          CaseResult full = results.get(ALL_ON).get(results.get(ALL_ON).size() - 1);
          out.printf(
              "[%2d/%d] %s %s %s truth=%s (%s) rank=%s%n",
              done[0],
              total,
              full.system(),
              full.day(),
              full.alertTime(),
              full.truth(),
              full.faultType(),
              full.rank() > 0 ? full.rank() : "-");
        });
    Map<String, Report> reports = new LinkedHashMap<>();
    results.forEach((name, list) -> reports.put(name, RcaEvaluator.report(list)));
    return new Result(reports);
  }

  void print(Result result) {
    Report all = result.allOn();
    out.println();
    out.println("ablation: AC@1/AC@3 with one signal or rule switched off per row");
    for (Figures system : all.systems()) {
      List<String> types = all.faultTypes().get(system.name()).stream().map(Figures::name).toList();
      StringBuilder header = new StringBuilder("%-22s".formatted(system.name()));
      types.forEach(t -> header.append(" %14s".formatted(t)));
      header.append(" %14s".formatted("all"));
      out.println(header);
      result
          .byConfig()
          .forEach(
              (name, report) -> {
                StringBuilder row = new StringBuilder("  %-20s".formatted(name));
                for (String type : types) {
                  row.append(" %14s".formatted(cell(typeFigures(report, system.name(), type))));
                }
                row.append(" %14s".formatted(cell(systemFigures(report, system.name()))));
                out.println(row);
              });
    }
    out.println();
    out.println("what each earns (AC@1 with it on minus AC@1 with it off), per system:");
    Set<String> systems = new TreeSet<>();
    all.systems().forEach(f -> systems.add(f.name()));
    result
        .byConfig()
        .forEach(
            (name, report) -> {
              if (name.equals(ALL_ON)) {
                return;
              }
              StringBuilder row = new StringBuilder("  %-20s".formatted(name.substring(1)));
              List<Double> gains = new ArrayList<>();
              for (String system : systems) {
                double gain =
                    systemFigures(all, system).ac1() - systemFigures(report, system).ac1();
                gains.add(gain);
                row.append(" %s %+.3f".formatted(system, gain));
              }
              out.println(row.append("  ").append(verdict(gains)));
            });
  }

  /** Whether a rule earns its place: it must help somewhere and hurt nowhere. */
  static String verdict(List<Double> gains) {
    boolean helps = gains.stream().anyMatch(g -> g > 1e-9);
    boolean hurts = gains.stream().anyMatch(g -> g < -1e-9);
    if (helps && hurts) {
      return "helps one system, hurts another";
    }
    if (helps) {
      return "earns its place";
    }
    return hurts ? "costs accuracy" : "earns nothing here";
  }

  private static String cell(Figures f) {
    return f == null ? "-" : "%.3f/%.3f".formatted(f.ac1(), f.ac3());
  }

  private static Figures systemFigures(Report report, String system) {
    return report.systems().stream().filter(f -> f.name().equals(system)).findFirst().orElse(null);
  }

  private static Figures typeFigures(Report report, String system, String type) {
    return report.faultTypes().getOrDefault(system, List.of()).stream()
        .filter(f -> f.name().equals(type))
        .findFirst()
        .orElse(null);
  }
}

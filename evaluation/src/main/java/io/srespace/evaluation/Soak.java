package io.srespace.evaluation;

import io.srespace.ops.stack.LocalStack;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A long run with a fault every few minutes while every agent's resident memory is sampled: the
 * samples go to a CSV file and a PNG plot, and the growth of each agent after its first minutes is
 * printed (the target: no agent grows more than 20 % after its first ten minutes).
 */
final class Soak {
  static final List<String> FAULTS = List.of("kill", "latency", "db-pool");
  static final Duration EVERY = Duration.ofMinutes(4);
  static final Duration SAMPLE = Duration.ofSeconds(30);

  /** One sample: minutes since the soak started, the agent, its resident memory in MiB. */
  record Sample(double minute, String agent, double mib) {}

  private final LocalStack local;
  private final Evaluation evaluation;
  private final Map<String, Scenario> scenarios;
  private final Narrator narrator;
  private final Path home;
  private final List<Sample> samples = new ArrayList<>();

  Soak(
      LocalStack local,
      Evaluation evaluation,
      Map<String, Scenario> scenarios,
      Narrator narrator,
      Path home) {
    this.local = local;
    this.evaluation = evaluation;
    this.scenarios = scenarios;
    this.narrator = narrator;
    this.home = home;
  }

  void run(Duration length) throws InterruptedException, IOException {
    Instant start = Instant.now();
    Instant end = start.plus(length);
    narrator.say(
        "soak: %d min, a fault every %d min (%s in turn), memory sampled every %d s"
            .formatted(
                length.toMinutes(),
                EVERY.toMinutes(),
                String.join(", ", FAULTS),
                SAMPLE.toSeconds()));
    ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "soak-sampler");
              thread.setDaemon(true);
              return thread;
            });
    sampler.scheduleAtFixedRate(() -> sample(start), 0, SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
    int faults = 0;
    int healed = 0;
    try {
      while (Instant.now().isBefore(end)) {
        Instant slot = start.plus(EVERY.multipliedBy(faults));
        if (Instant.now().isBefore(slot)) {
          Thread.sleep(Math.min(Duration.between(Instant.now(), slot).toMillis(), 60_000));
          continue;
        }
        Scenario scenario = scenarios.get(FAULTS.get(faults % FAULTS.size()));
        faults++;
        Evaluation.Done done = evaluation.runOnce(scenario, faults, FaultRun.Watcher.NONE);
        if (done.result().verified()) {
          healed++;
        }
        narrator.say(
            "soak: %d fault(s), %d healed, %.0f min to go"
                .formatted(
                    faults, healed, Duration.between(Instant.now(), end).toSeconds() / 60.0));
        if (!done.repaired()) {
          break;
        }
      }
    } finally {
      sampler.shutdownNow();
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    List<Sample> taken;
    synchronized (samples) {
      taken = List.copyOf(samples);
    }
    Path csv = home.resolve("soak-" + stamp + ".csv");
    Path png = home.resolve("soak-" + stamp + ".png");
    writeCsv(taken, csv);
    plot(
        taken,
        png,
        "Agents' resident memory during a %d-minute soak".formatted(length.toMinutes()));
    double reference = length.toMinutes() >= 20 ? 10 : length.toMinutes() / 2.0;
    Map<String, Double> growth = growth(taken, reference);
    growth.forEach(
        (agent, g) ->
            narrator.plain(
                "%-7s %s"
                    .formatted(
                        agent,
                        Double.isNaN(g)
                            ? "too few samples"
                            : "%+.1f %% after minute %.0f".formatted(100 * g, reference))));
    narrator.plain("samples: " + csv + ", plot: " + png);
    Map.Entry<String, Double> worst =
        growth.entrySet().stream()
            .filter(e -> !Double.isNaN(e.getValue()))
            .max(Map.Entry.comparingByValue())
            .orElse(Map.entry("none", Double.NaN));
    narrator.plain(
        "SOAK minutes=%d faults=%d healed=%d rss_growth_max_pct=%.1f (%s)"
            .formatted(length.toMinutes(), faults, healed, 100 * worst.getValue(), worst.getKey()));
  }

  private void sample(Instant start) {
    double minute = Duration.between(start, Instant.now()).toMillis() / 60_000.0;
    for (String agent : LocalStack.AGENTS) {
      try {
        long pid = local.supervisor().program(agent).pid();
        rssMib(pid)
            .ifPresent(
                mib -> {
                  synchronized (samples) {
                    samples.add(new Sample(minute, agent, mib));
                  }
                });
      } catch (IOException e) {
        // Not running at this moment (restarting): no sample.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A process's resident memory from {@code /proc/<pid>/status}, in MiB. */
  static Optional<Double> rssMib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Gone or unreadable: no sample.
    }
    return Optional.empty();
  }

  /**
   * Each agent's growth: its highest sample after {@code referenceMinute} over the mean of its
   * samples in the minute that follows it; NaN without samples on both sides.
   */
  static Map<String, Double> growth(List<Sample> samples, double referenceMinute) {
    Map<String, Double> growth = new LinkedHashMap<>();
    for (String agent : samples.stream().map(Sample::agent).distinct().toList()) {
      List<Sample> mine = samples.stream().filter(s -> s.agent().equals(agent)).toList();
      OptionalDouble reference =
          mine.stream()
              .filter(s -> s.minute() >= referenceMinute && s.minute() < referenceMinute + 1)
              .mapToDouble(Sample::mib)
              .average();
      OptionalDouble highest =
          mine.stream()
              .filter(s -> s.minute() >= referenceMinute + 1)
              .mapToDouble(Sample::mib)
              .max();
      growth.put(
          agent,
          reference.isPresent() && highest.isPresent()
              ? highest.getAsDouble() / reference.getAsDouble() - 1
              : Double.NaN);
    }
    return growth;
  }

  static void writeCsv(List<Sample> samples, Path file) throws IOException {
    StringBuilder text = new StringBuilder("minute,agent,rss_mib\n");
    samples.forEach(s -> text.append("%.2f,%s,%.1f%n".formatted(s.minute(), s.agent(), s.mib())));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The samples as one line per agent (minutes across, MiB up), as a PNG. */
  static void plot(List<Sample> samples, Path file, String title) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection lines = new XYSeriesCollection();
    Map<String, XYSeries> byAgent = new LinkedHashMap<>();
    for (Sample sample : samples) {
      byAgent
          .computeIfAbsent(
              sample.agent(),
              agent -> {
                XYSeries series = new XYSeries(agent);
                lines.addSeries(series);
                return series;
              })
          .add(sample.minute(), sample.mib());
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            "minutes",
            "resident memory (MiB)",
            lines,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    // White ground, and a shape per agent beside its colour, so lines that lie on each other and
    // light colours still read.
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setRenderer(new XYLineAndShapeRenderer(true, true));
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 960, 540);
  }
}

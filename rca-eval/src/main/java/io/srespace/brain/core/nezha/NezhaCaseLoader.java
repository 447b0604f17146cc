package io.srespace.brain.core.nezha;

import io.srespace.brain.core.model.Case;
import io.srespace.brain.core.model.LogLine;
import io.srespace.brain.core.model.MetricSeries;
import io.srespace.brain.core.model.Observations;
import io.srespace.brain.core.model.Span;
import io.srespace.brain.core.model.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the case for one labelled fault from the files of its day: the window from the alert
 * onward, and a baseline made of the minutes before it plus the day's fault-free period (the
 * analyser leaves out the baseline's own anomalous minutes; other faults' labels are never used).
 * Window boundaries come from record timestamps, never from file names.
 */
final class NezhaCaseLoader {

  static final long WINDOW_SECONDS = 180;
  private static final long METRIC_WINDOW_SECONDS = 240;
  private static final long BASELINE_SECONDS = 600;

  /** Metrics come a point a minute: half an hour gives a robust baseline once incidents are cut. */
  private static final long METRIC_BASELINE_SECONDS = 1800;

  /** The baseline ends this long before the alert: alert times can be a minute late. */
  private static final long GUARD_SECONDS = 60;

  private static final long NANOS = 1_000_000_000L;
  private static final DateTimeFormatter METRIC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final NezhaDay day;
  private final Map<Long, Path> traces;
  private final Map<Long, Path> logs;
  private final Map<Long, Path> normalTraces;
  private final Map<Long, Path> normalLogs;
  private final List<Path> metricFiles;
  private final Map<String, String> interned = new HashMap<>();

  NezhaCaseLoader(NezhaDay day) {
    this.day = day;
    this.traces = NezhaDay.minuteFiles(day.rcaDir, day.name, "trace");
    this.logs = NezhaDay.minuteFiles(day.rcaDir, day.name, "log");
    this.normalTraces = NezhaDay.minuteFiles(day.normalDir, day.name, "trace");
    this.normalLogs = NezhaDay.minuteFiles(day.normalDir, day.name, "log");
    this.metricFiles = metricFiles(day.rcaDir.resolve("metric"));
  }

  Case load(LabelledFault fault) {
    long alert = fault.alertSeconds() * NANOS;
    long windowEnd = alert + WINDOW_SECONDS * NANOS;
    long baseEnd = alert - GUARD_SECONDS * NANOS;
    List<String> notes = new ArrayList<>();
    List<Long> baseMinutes = baselineMinutes(fault.alertSeconds());
    long baseStart = baseMinutes.isEmpty() ? baseEnd : (baseMinutes.get(0) - 2 * 60) * NANOS;
    if (baseMinutes.isEmpty()
        || baseMinutes.get(baseMinutes.size() - 1) * NANOS < alert - BASELINE_SECONDS * NANOS) {
      notes.add(
          "no spans in the %d minutes before the alert: baseline %s"
              .formatted(
                  BASELINE_SECONDS / 60,
                  baseMinutes.isEmpty()
                      ? "from the fault-free period (normal/) only"
                      : "from the last stretch with spans, %s to %s, and normal/"
                          .formatted(
                              clock(baseMinutes.get(0) - 60),
                              clock(baseMinutes.get(baseMinutes.size() - 1)))));
    }

    List<Span> winSpans = new ArrayList<>();
    List<Span> baseSpans = new ArrayList<>();
    for (Path file : around(traces, baseMinutes, fault.alertSeconds())) {
      readSpans(
          file,
          span -> {
            if (span.startNanos() >= alert && span.startNanos() < windowEnd) {
              winSpans.add(span);
            } else if (span.startNanos() >= baseStart && span.startNanos() < baseEnd) {
              baseSpans.add(span);
            }
          });
    }
    normalTraces.values().forEach(file -> readSpans(file, baseSpans::add));

    List<LogLine> winLogs = new ArrayList<>();
    List<LogLine> baseLogs = new ArrayList<>();
    for (Path file : around(logs, baseMinutes, fault.alertSeconds())) {
      readLogs(
          file,
          line -> {
            if (line.timeNanos() >= alert && line.timeNanos() < windowEnd) {
              winLogs.add(line);
            } else if (line.timeNanos() >= baseStart && line.timeNanos() < baseEnd) {
              baseLogs.add(line);
            }
          });
    }
    normalLogs.values().forEach(file -> readLogs(file, baseLogs::add));

    List<MetricSeries> winMetrics = new ArrayList<>();
    List<MetricSeries> baseMetrics = new ArrayList<>();
    for (Path file : metricFiles) {
      readMetrics(
          file,
          alert - METRIC_BASELINE_SECONDS * NANOS,
          alert - 60 * NANOS,
          alert,
          alert + METRIC_WINDOW_SECONDS * NANOS,
          baseMetrics,
          winMetrics);
    }
    String id = "%s %s".formatted(day.name, clock(fault.alertSeconds()));
    return new Case(
        id,
        alert,
        windowEnd,
        new Observations(winSpans, winLogs, winMetrics),
        new Observations(baseSpans, baseLogs, baseMetrics),
        Topology.unknown(),
        notes);
  }

  /**
   * The minute files of the baseline: the latest {@link #BASELINE_SECONDS} worth of minutes with
   * spans before the alert, looking back as far as the metric baseline goes, so that a stretch
   * without spans just before the alert falls back to the last one that has them.
   */
  private List<Long> baselineMinutes(long alertSeconds) {
    List<Long> minutes =
        traces.keySet().stream()
            .filter(m -> m > alertSeconds - METRIC_BASELINE_SECONDS && m <= alertSeconds)
            .sorted(java.util.Comparator.reverseOrder())
            .limit(BASELINE_SECONDS / 60)
            .sorted()
            .toList();
    return minutes;
  }

  static String clock(long epochSeconds) {
    return LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("HH:mm:ss"));
  }

  /** Minute files that may hold records of the baseline's minutes or of the window. */
  private static List<Path> around(
      Map<Long, Path> files, List<Long> baseMinutes, long alertSeconds) {
    List<Path> chosen = new ArrayList<>();
    long from = baseMinutes.isEmpty() ? alertSeconds : baseMinutes.get(0);
    files.forEach(
        (minute, path) -> {
          if (minute >= from && minute <= alertSeconds + WINDOW_SECONDS + 120) {
            chosen.add(path);
          }
        });
    return chosen;
  }

  private void readSpans(Path file, java.util.function.Consumer<Span> sink) {
    int[] col = new int[7];
    GzipCsv.read(
        file,
        header -> {
          String[] names = {
            "TraceID",
            "SpanID",
            "ParentID",
            "PodName",
            "OperationName",
            "StartTimeUnixNano",
            "EndTimeUnixNano"
          };
          for (int i = 0; i < names.length; i++) {
            col[i] = GzipCsv.column(header, names[i], file);
          }
        },
        row -> {
          if (row.length <= 6) {
            return;
          }
          String parent = row[col[2]];
          sink.accept(
              new Span(
                  row[col[0]],
                  row[col[1]],
                  parent.isEmpty() || parent.equals("root") ? null : parent,
                  intern(PodNames.service(row[col[3]])),
                  intern(row[col[4]]),
                  parseLong(row[col[5]], file),
                  parseLong(row[col[6]], file)));
        });
  }

  private void readLogs(Path file, java.util.function.Consumer<LogLine> sink) {
    int[] col = new int[5];
    GzipCsv.read(
        file,
        header -> {
          String[] names = {"TimeUnixNano", "PodName", "TraceID", "SpanID", "Log"};
          for (int i = 0; i < names.length; i++) {
            col[i] = GzipCsv.column(header, names[i], file);
          }
        },
        row -> {
          if (row.length <= 7) {
            return;
          }
          sink.accept(
              new LogLine(
                  parseLong(row[col[0]], file),
                  intern(PodNames.service(row[col[1]])),
                  emptyToNull(row[col[2]]),
                  emptyToNull(row[col[3]]),
                  message(row[col[4]])));
        });
  }

  /** The text a container wrote, out of the collector's {"log": "...", "stream": ...} wrapper. */
  static String message(String raw) {
    int start = raw.indexOf("\"log\":\"");
    if (start < 0) {
      return raw;
    }
    start += 7;
    int end = raw.indexOf("\",\"stream\"", start);
    String text = end < 0 ? raw.substring(start) : raw.substring(start, end);
    text = text.replace("\\\"", "\"").replace("\\n", " ").replace("\\t", " ");
    return text.trim();
  }

  private void readMetrics(
      Path file,
      long baseStart,
      long baseEnd,
      long winStart,
      long winEnd,
      List<MetricSeries> base,
      List<MetricSeries> win) {
    String pod = file.getFileName().toString().replace("_metric.csv.gz", "");
    String service = intern(PodNames.service(pod));
    List<String> names = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    List<long[]> times = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    int[] timeCol = {-1};
    GzipCsv.read(
        file,
        header -> {
          timeCol[0] = GzipCsv.column(header, "Time", file);
          for (int i = 0; i < header.length; i++) {
            if (i != timeCol[0] && !header[i].equals("TimeStamp") && !header[i].equals("PodName")) {
              names.add(header[i]);
              columns.add(i);
            }
          }
        },
        row -> {
          String t = row[timeCol[0]];
          if (t.length() < 19) {
            return;
          }
          long nanos;
          try {
            nanos =
                LocalDateTime.parse(t.substring(0, 19), METRIC_TIME).toEpochSecond(ZoneOffset.UTC)
                    * NANOS;
          } catch (RuntimeException e) {
            return;
          }
          boolean inBase = nanos >= baseStart && nanos < baseEnd;
          if (!(inBase || (nanos >= winStart && nanos < winEnd))) {
            return;
          }
          double[] v = new double[names.size()];
          for (int k = 0; k < v.length; k++) {
            int c = columns.get(k);
            v[k] = c < row.length ? parseDouble(row[c]) : Double.NaN;
          }
          times.add(new long[] {nanos});
          values.add(v);
        });
    for (int m = 0; m < names.size(); m++) {
      series(service, names.get(m), times, values, m, baseStart, baseEnd, base);
      series(service, names.get(m), times, values, m, winStart, winEnd, win);
    }
  }

  private static void series(
      String service,
      String name,
      List<long[]> times,
      List<double[]> values,
      int column,
      long from,
      long to,
      List<MetricSeries> sink) {
    long[] t = new long[times.size()];
    double[] v = new double[times.size()];
    int n = 0;
    for (int i = 0; i < times.size(); i++) {
      long time = times.get(i)[0];
      if (time >= from && time < to) {
        t[n] = time;
        v[n++] = values.get(i)[column];
      }
    }
    sink.add(new MetricSeries(service, name, Arrays.copyOf(t, n), Arrays.copyOf(v, n)));
  }

  private static List<Path> metricFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("_metric.csv.gz"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list %s: %s".formatted(dir, e.getMessage()), e);
    }
  }

  private String intern(String s) {
    return interned.computeIfAbsent(s, k -> k);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static long parseLong(String s, Path file) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("%s: %s is not a number".formatted(file, s), e);
    }
  }

  private static double parseDouble(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}

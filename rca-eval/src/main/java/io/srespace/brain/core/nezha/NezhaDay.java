package io.srespace.brain.core.nezha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** One day of the dataset: its labelled faults, its minute files and its fault-free period. */
final class NezhaDay {

  private static final DateTimeFormatter INJECT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  final String name;
  final Path rcaDir;
  final Path normalDir;
  final List<LabelledFault> faults;
  final String system;

  private NezhaDay(String name, Path rcaDir, Path normalDir, List<LabelledFault> faults) {
    this.name = name;
    this.rcaDir = rcaDir;
    this.normalDir = normalDir;
    this.faults = faults;
    this.system = systemOf(faults, rcaDir);
  }

  /** Every labelled day under {@code data/rca}; a clear error when the folder is not a dataset. */
  static List<NezhaDay> discover(Path data) {
    Path rca = data.resolve("rca");
    if (!Files.isDirectory(data)) {
      throw new IllegalArgumentException("dataset folder %s does not exist".formatted(data));
    }
    if (!Files.isDirectory(rca)) {
      throw new IllegalArgumentException(
          "%s is not a Nezha dataset folder: it has no rca/<day>/ folders".formatted(data));
    }
    List<NezhaDay> days = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(rca)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path labels = dir.resolve("fault_list.json");
        if (!Files.isRegularFile(labels)) {
          throw new IllegalArgumentException("%s has no fault_list.json".formatted(dir));
        }
        if (!Files.isDirectory(dir.resolve("metric")) && !Files.isDirectory(dir.resolve("trace"))) {
          throw new IllegalArgumentException(
              "%s has neither a trace/ nor a metric/ folder".formatted(dir));
        }
        String name = dir.getFileName().toString();
        Path normal = data.resolve("normal").resolve(name);
        days.add(
            new NezhaDay(
                name, dir, Files.isDirectory(normal) ? normal : null, readFaults(name, labels)));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list %s: %s".formatted(rca, e.getMessage()), e);
    }
    if (days.isEmpty()) {
      throw new IllegalArgumentException("%s has no day folders".formatted(rca));
    }
    return days;
  }

  private static List<LabelledFault> readFaults(String day, Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "%s is not valid JSON: %s".formatted(file, e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("%s: expected {\"HH\": [faults]}".formatted(file));
    }
    List<LabelledFault> faults = new ArrayList<>();
    root.fields()
        .forEachRemaining(
            hour ->
                hour.getValue()
                    .forEach(
                        fault -> {
                          String pod = text(fault, "inject_pod", file);
                          String type = text(fault, "inject_type", file);
                          long[] alert = reconcile(fault, file);
                          faults.add(
                              new LabelledFault(
                                  day,
                                  pod,
                                  PodNames.service(pod),
                                  type,
                                  alert[0],
                                  alert[1] == 0
                                      ? ""
                                      : "inject_timestamp off by %+d s".formatted(alert[1])));
                        }));
    faults.sort(Comparator.comparingLong(LabelledFault::alertSeconds));
    return faults;
  }

  /**
   * The alert time: {@code inject_time} read as UTC, which agrees with the telemetry; {@code
   * inject_timestamp} may be whole hours off (a time-zone slip) plus some seconds, and is used only
   * when the time string is missing. Returns the time and the timestamp's offset from it.
   */
  private static long[] reconcile(JsonNode fault, Path file) {
    String time = fault.path("inject_time").asText("");
    long stamp = fault.path("inject_timestamp").asLong(Long.MIN_VALUE);
    try {
      long utc = LocalDateTime.parse(time, INJECT_TIME).toEpochSecond(ZoneOffset.UTC);
      return new long[] {utc, stamp == Long.MIN_VALUE ? 0 : stamp - utc};
    } catch (DateTimeParseException e) {
      if (stamp == Long.MIN_VALUE) {
        throw new IllegalArgumentException(
            "%s: a fault has neither a readable inject_time nor inject_timestamp".formatted(file),
            e);
      }
      return new long[] {stamp, 0};
    }
  }

  private static String text(JsonNode node, String field, Path file) {
    String value = node.path(field).asText("");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("%s: a fault has no %s".formatted(file, field));
    }
    return value;
  }

  private static String systemOf(List<LabelledFault> faults, Path dir) {
    boolean trainTicket = faults.stream().anyMatch(f -> f.pod().startsWith("ts-"));
    if (!trainTicket) {
      try (Stream<Path> files = Files.list(dir.resolve("metric"))) {
        trainTicket = files.anyMatch(f -> f.getFileName().toString().startsWith("ts-"));
      } catch (IOException e) {
        trainTicket = false;
      }
    }
    return trainTicket ? "train-ticket" : "online-boutique";
  }

  /** The minute files of one kind (trace or log) of a folder, by the epoch second of their name. */
  static Map<Long, Path> minuteFiles(Path dayDir, String day, String kind) {
    Map<Long, Path> files = new TreeMap<>();
    Path dir = dayDir == null ? null : dayDir.resolve(kind);
    if (dir == null || !Files.isDirectory(dir)) {
      return files;
    }
    LocalDate date = LocalDate.parse(day);
    try (Stream<Path> list = Files.list(dir)) {
      list.forEach(
          f -> {
            String n = f.getFileName().toString();
            if (n.length() >= 5 && n.charAt(2) == '_' && n.endsWith(".csv.gz")) {
              try {
                int h = Integer.parseInt(n.substring(0, 2));
                int m = Integer.parseInt(n.substring(3, 5));
                files.put(date.atTime(h, m).toEpochSecond(ZoneOffset.UTC), f);
              } catch (NumberFormatException e) {
                // not a minute file
              }
            }
          });
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list %s: %s".formatted(dir, e.getMessage()), e);
    }
    return files;
  }
}

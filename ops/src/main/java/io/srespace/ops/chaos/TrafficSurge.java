package io.srespace.ops.chaos;

import io.srespace.ops.stack.Stack;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load that is not a fault: a second traffic generator beside the demo's own, sending {@code factor
 * - 1} times its journeys to quote-service for a while, so that quote-service sees {@code factor}
 * times its normal traffic. It runs as a process of its own (its log: {@code surge.log}), ends by
 * itself, and is found again by its mark to be stopped early.
 */
final class TrafficSurge {
  private static final String GENERATOR = "io.srespace.demo.traffic.TrafficGenerator";
  private static final String MARK = "-Dsre-space.surge=true";
  private static final Pattern RATE = Pattern.compile("--rate (\\d+(?:\\.\\d+)?)");

  private TrafficSurge() {}

  /**
   * Starts the surge: {@code factor} (above 1, at most 20) times the running generator's rate in
   * all, for {@code seconds}; returns what was started.
   */
  static String start(Stack stack, double factor, long seconds) throws IOException {
    if (!(factor > 1 && factor <= 20) || seconds < 1) {
      throw new IllegalArgumentException(
          "a traffic surge needs --intensity above 1 and at most 20 (times the normal journeys)"
              + " and --duration of 1 s or more");
    }
    if (!running(stack).isEmpty()) {
      throw new IllegalArgumentException(
          "a traffic surge is already on: ./sre-space chaos clear traffic-surge");
    }
    double base =
        normalRate(stack).orElseThrow(() -> new IOException("the demo's traffic is not running"));
    String extra = String.format(Locale.ROOT, "%.1f", base * (factor - 1));
    String java = ProcessHandle.current().info().command().orElse("java");
    new ProcessBuilder(
            java,
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            MARK,
            "-cp",
            stack.root().resolve("demo-apps/traffic-generator/target/classes").toString(),
            GENERATOR,
            "--target",
            stack.url("quote-service").toString(),
            "--rate",
            extra,
            "--duration",
            String.valueOf(seconds),
            "--report-every",
            "30")
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(stack.log("surge").toFile()))
        .start();
    return "%s journeys/s more than the normal %s for %d s (%s× in all; log %s)"
        .formatted(
            extra, HostChaos.amount(base), seconds, HostChaos.amount(factor), stack.log("surge"));
  }

  /**
   * Stops the surges into the stack still on and waits (up to 5 s each) for them to end, so that
   * one stopped is no longer found running; returns how many there were.
   */
  static int stop(Stack stack) throws IOException {
    List<ProcessHandle> surges = running(stack);
    StartedProcesses.end(surges, "the surge");
    return surges.size();
  }

  /** The surge generators into the stack running now. */
  static List<ProcessHandle> running(Stack stack) {
    return generators(stack).stream().filter(p -> commandLine(p).contains(MARK)).toList();
  }

  /** The journeys per second of the stack's own generator, from its command line. */
  private static OptionalDouble normalRate(Stack stack) {
    return generators(stack).stream()
        .map(TrafficSurge::commandLine)
        .filter(line -> !line.contains(MARK))
        .map(RATE::matcher)
        .filter(Matcher::find)
        .mapToDouble(m -> Double.parseDouble(m.group(1)))
        .findFirst();
  }

  /** The traffic generators sending to the stack's quote-service (another stack's are not). */
  private static List<ProcessHandle> generators(Stack stack) {
    String target = "--target " + stack.url("quote-service");
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              String line = commandLine(p);
              return line.contains(GENERATOR) && line.contains(target);
            })
        .toList();
  }

  private static String commandLine(ProcessHandle process) {
    return process.info().commandLine().orElse("");
  }
}

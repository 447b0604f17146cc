package io.srespace.bench.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker's start time and idle memory as the local stack runs it (its own process, 512 MB of
 * heap): started on a scratch folder twice, new and with existing data ({@code ./sre-space
 * broker-figures [PORT]}).
 */
public final class BrokerFigures {
  private static final Pattern READY = Pattern.compile("ready in (\\d+) ms");

  private BrokerFigures() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 19092;
    Path data = Files.createTempDirectory("broker-figures-");
    try {
      for (String run : new String[] {"new", "existing"}) {
        Path log = data.resolve(run + ".log");
        Process broker =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-XX:+UseSerialGC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.srespace.kafka.broker.StandaloneBroker",
                    "--port",
                    String.valueOf(port),
                    "--data",
                    data.resolve("kafka").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
          long ready = awaitReady(broker, log);
          Thread.sleep(5_000);
          System.out.printf(
              "broker start (%s data): %d ms, idle RSS %d MB%n",
              run, ready, residentMb(broker.pid()));
        } finally {
          broker.destroy();
          broker.waitFor();
        }
      }
    } finally {
      try (var paths = Files.walk(data)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static long awaitReady(Process broker, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && broker.isAlive()) {
      Matcher ready = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (ready.find()) {
        return Long.parseLong(ready.group(1));
      }
      Thread.sleep(200);
    }
    throw new IOException("the broker did not start; its log:\n" + Files.readString(log));
  }

  private static long residentMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return 0;
  }
}

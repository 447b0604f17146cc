package io.srespace.fixer.bench;

import io.srespace.fixer.runtime.SupervisorProcess;
import io.srespace.fixer.runtime.SupervisorRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long a restart through supervisord takes until the demo's user-service is healthy again: a
 * real supervisord runs the packaged service as the local demo does, and Fixer's supervisor runtime
 * restarts it N times. Prints a line per run and a RESULT line.
 */
public final class RestartBenchmark {
  private static final String SERVICE = "user-service";
  private static final Duration TARGET = Duration.ofSeconds(10);
  private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofMillis(500))
          .build();

  public static void main(String[] args) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    int runs = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "usage: fixer-bench [--runs N]   (unknown argument " + args[i] + ")");
      }
    }
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be 1 or more, not " + runs);
    }
    Path jar = root.resolve("demo-apps/user-service/target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with ./sre-space fixer-bench, which builds it first");
    }
    new RestartBenchmark().run(jar, runs);
  }

  private void run(Path jar, int runs) throws IOException, InterruptedException {
    int port = SupervisorProcess.freePort();
    URI live = URI.create("http://127.0.0.1:" + port + "/q/health/live");
    try (SupervisorProcess supervisor =
        SupervisorProcess.builder()
            .program(SERVICE, command(jar, port), Map.of("stopwaitsecs", "10"))
            .start()) {
      SupervisorRuntime runtime = supervisor.runtime(Duration.ofSeconds(30));
      long started = System.nanoTime();
      if (!awaitHealthy(live)) {
        throw new IllegalStateException(
            "%s was not healthy within %s; its log:%n%s"
                .formatted(SERVICE, HEALTHY_TIMEOUT, supervisor.programLog(SERVICE)));
      }
      System.out.printf(
          Locale.ROOT,
          "%s under %s, healthy %.2f s after supervisord started it; %d restarts follow%n",
          SERVICE,
          runtime.describe(),
          seconds(System.nanoTime() - started),
          runs);
      List<Double> healthy = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        healthy.add(restartOnce(runtime, supervisor, live, run));
      }
      report(healthy);
    }
  }

  private double restartOnce(
      SupervisorRuntime runtime, SupervisorProcess supervisor, URI live, int run)
      throws IOException, InterruptedException {
    int before = runtime.processInfo(SERVICE).pid();
    long start = System.nanoTime();
    runtime.restart(SERVICE);
    long running = System.nanoTime();
    if (!awaitHealthy(live)) {
      throw new IllegalStateException(
          "run %d: %s was not healthy within %s of its restart; its log:%n%s"
              .formatted(run, SERVICE, HEALTHY_TIMEOUT, supervisor.programLog(SERVICE)));
    }
    long healthy = System.nanoTime();
    int after = runtime.processInfo(SERVICE).pid();
    if (after == before) {
      throw new IllegalStateException("run %d: the pid did not change (%d)".formatted(run, before));
    }
    System.out.printf(
        Locale.ROOT,
        "run %d: restart call %.2f s (supervisord RUNNING), healthy %.2f s after the call began;"
            + " pid %d -> %d%n",
        run,
        seconds(running - start),
        seconds(healthy - start),
        before,
        after);
    return seconds(healthy - start);
  }

  /** The packaged service, started as the local demo starts it, reading its environment file. */
  private static String command(Path jar, int port) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return ("bash -c 'set -a; f=%s/env/%s.env; [ -f $f ] && . $f;"
            + " exec %s -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " -XX:+ExitOnOutOfMemoryError -Dquarkus.http.port=%d"
            + " -Dkafka.bootstrap.servers=127.0.0.1:%d -jar %s'")
        .formatted(
            SupervisorProcess.FOLDER,
            SERVICE,
            java,
            port,
            SupervisorProcess.freePort(),
            jar.toAbsolutePath());
  }

  private boolean awaitHealthy(URI live) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + HEALTHY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static void report(List<Double> healthy) {
    List<Double> sorted = healthy.stream().sorted().toList();
    int middle = sorted.size() / 2;
    double p50 =
        sorted.size() % 2 == 1
            ? sorted.get(middle)
            : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    double max = sorted.get(sorted.size() - 1);
    System.out.printf(
        Locale.ROOT,
        "restart to healthy: p50 %.2f s, max %.2f s (target <= %d s: %s)%n",
        p50,
        max,
        TARGET.toSeconds(),
        max <= TARGET.toSeconds() ? "met" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "RESULT runs=%d restart_to_healthy_p50_s=%.2f restart_to_healthy_max_s=%.2f%n",
        healthy.size(),
        p50,
        max);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}

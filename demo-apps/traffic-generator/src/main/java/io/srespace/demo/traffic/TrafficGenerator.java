package io.srespace.demo.traffic;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives quote-service with open-loop traffic: journeys arrive at random (exponential gaps around
 * the configured rate, so detectors face natural noise), each asks for a quote and some go on,
 * after a short think time, to buy it. Prints a summary line every few seconds and a RESULT line at
 * the end.
 */
public final class TrafficGenerator {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final Pattern QUOTE_ID = Pattern.compile("\"quoteId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");
  private static final List<String> PRODUCTS =
      List.of(
          "home-basic",
          "home-basic",
          "home-basic",
          "home-plus",
          "car-basic",
          "car-basic",
          "car-plus",
          "travel",
          "travel",
          "pet");

  private final TrafficSettings settings;
  private final PrintStream out;
  private final HttpClient http;
  private final ScheduledExecutorService timers =
      Executors.newScheduledThreadPool(1, TrafficGenerator::daemon);
  private final Semaphore inFlight;
  private final SplittableRandom random = new SplittableRandom();
  private final AtomicReference<JourneyStats> interval = new AtomicReference<>(new JourneyStats());
  private final JourneyStats total = new JourneyStats();
  private volatile boolean stopped;

  public TrafficGenerator(TrafficSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    this.inFlight = new Semaphore(settings.maxInFlight());
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(4, TrafficGenerator::daemon))
            .build();
  }

  public static void main(String[] args) {
    TrafficSettings settings;
    try {
      settings = TrafficSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("traffic-generator: " + e.getMessage());
      System.err.print(TrafficSettings.USAGE);
      System.exit(2);
      return;
    }
    TrafficGenerator generator = new TrafficGenerator(settings, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(generator::stop, "traffic-stop"));
    generator.run();
  }

  /** Sends traffic until the duration ends or {@link #stop()}; returns the whole run's figures. */
  public JourneyStats run() {
    out.printf(
        "traffic: %.1f journeys/s to %s, purchase ratio %.2f, %d customers%n",
        settings.journeysPerSecond(),
        settings.target(),
        settings.purchaseRatio(),
        settings.customers());
    if (!settings.warmup().isZero()) {
      out.printf("warming up for %d s (not counted)%n", settings.warmup().toSeconds());
      send(System.nanoTime() + settings.warmup().toNanos());
      if (awaitInFlight()) {
        inFlight.release(settings.maxInFlight());
      }
      interval.set(new JourneyStats());
    }
    long started = System.nanoTime();
    long reportNanos = settings.reportEvery().toNanos();
    ScheduledFuture<?> reports =
        timers.scheduleAtFixedRate(
            () -> report(reportNanos / 1e9), reportNanos, reportNanos, TimeUnit.NANOSECONDS);
    long end =
        settings.duration().isZero() ? Long.MAX_VALUE : started + settings.duration().toNanos();
    long next = started;
    while (!stopped && next < end) {
      LockSupport.parkNanos(next - System.nanoTime());
      startJourney();
      double gapSeconds = -Math.log(1 - random.nextDouble()) / settings.journeysPerSecond();
      next += (long) (gapSeconds * 1e9);
    }
    reports.cancel(false);
    finish(started);
    return total;
  }

  /** Starts journeys at exponentially spread times until {@code end} (a nanoTime) or a stop. */
  private void send(long end) {
    long next = System.nanoTime();
    while (!stopped && next < end) {
      LockSupport.parkNanos(next - System.nanoTime());
      startJourney();
      double gapSeconds = -Math.log(1 - random.nextDouble()) / settings.journeysPerSecond();
      next += (long) (gapSeconds * 1e9);
    }
  }

  public void stop() {
    stopped = true;
  }

  private void startJourney() {
    JourneyStats stats = interval.get();
    stats.started.increment();
    if (!inFlight.tryAcquire()) {
      stats.dropped.increment();
      return;
    }
    String customer = "c-" + (1 + random.nextInt(settings.customers()));
    String product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
    boolean buys = random.nextDouble() < settings.purchaseRatio();
    long thinkMillis = 20 + random.nextInt(180);
    long sent = System.nanoTime();
    post("/quotes", "{\"customerId\":\"%s\",\"product\":\"%s\"}".formatted(customer, product))
        .whenComplete(
            (response, error) -> {
              JourneyStats now = interval.get();
              if (error != null || response.statusCode() != 201) {
                now.quoteErrors.increment();
                inFlight.release();
                return;
              }
              now.quotes.increment();
              now.quoteLatency.record((System.nanoTime() - sent) / 1_000_000);
              Matcher quoteId = QUOTE_ID.matcher(response.body());
              if (buys && quoteId.find()) {
                timers.schedule(
                    () -> purchase(quoteId.group(1)), thinkMillis, TimeUnit.MILLISECONDS);
              } else {
                inFlight.release();
              }
            });
  }

  private void purchase(String quoteId) {
    post("/quotes/" + quoteId + "/purchase", "")
        .whenComplete(
            (response, error) -> {
              JourneyStats now = interval.get();
              Matcher status = error == null ? STATUS.matcher(response.body()) : null;
              if (error != null || response.statusCode() != 200 || !status.find()) {
                now.purchaseErrors.increment();
              } else if (status.group(1).equals("PURCHASED")) {
                now.purchases.increment();
              } else {
                now.rejected.increment();
              }
              inFlight.release();
            });
  }

  private CompletableFuture<HttpResponse<String>> post(String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.target() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private void report(double seconds) {
    JourneyStats done = interval.getAndSet(new JourneyStats());
    done.addTo(total);
    out.println(LocalTime.now().format(CLOCK) + " " + done.summary(seconds));
  }

  private void finish(long started) {
    awaitInFlight();
    timers.shutdownNow();
    JourneyStats last = interval.getAndSet(new JourneyStats());
    last.addTo(total);
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        "RESULT seconds=%.0f journeys=%d journeys_per_s=%.1f quotes=%d purchases=%d rejected=%d"
            + " errors=%d dropped=%d p50_ms=%d p95_ms=%d p99_ms=%d%n",
        seconds,
        total.started.sum(),
        total.started.sum() / seconds,
        total.quotes.sum(),
        total.purchases.sum(),
        total.rejected.sum(),
        total.errors(),
        total.dropped.sum(),
        total.quoteLatency.percentile(0.50),
        total.quoteLatency.percentile(0.95),
        total.quoteLatency.percentile(0.99));
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "traffic");
    thread.setDaemon(true);
    return thread;
  }

  /** Waits for the journeys in progress to end; false if some were still going after 15 s. */
  private boolean awaitInFlight() {
    try {
      return inFlight.tryAcquire(settings.maxInFlight(), 15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

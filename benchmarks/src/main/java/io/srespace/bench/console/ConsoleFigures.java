package io.srespace.bench.console;

import io.srespace.demo.testing.ServiceProcess;
import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyDetected;
import io.srespace.events.Event;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The console's figures ({@code ./sre-space console-figures [EVENTS_PER_SECOND] [SECONDS]}): the
 * packaged console on a real broker, fed agents' events at a steady rate; how long each takes from
 * being published to reaching an open page's live feed, how fast its API answers meanwhile, its
 * resident memory, and the page's weight as a browser downloads it.
 */
public final class ConsoleFigures {
  private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");
  private static final Pattern BUNDLE = Pattern.compile("(?:src|href)=\"(/static/bundle/[^\"]+)\"");

  private ConsoleFigures() {}

  public static void main(String[] args) throws Exception {
    measure(args);
    // The in-process broker's threads would keep the JVM alive.
    System.exit(0);
  }

  private static void measure(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path application =
        Path.of(args.length > 2 ? args[2] : "console/target/quarkus-app/quarkus-run.jar");
    KafkaBroker kafka = KafkaBroker.shared();
    Map<String, String> settings = new HashMap<>(kafka.login(Principal.CONSOLE));
    settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    HttpClient http = HttpClient.newHttpClient();
    try (ServiceProcess console = ServiceProcess.start(application, "256m", settings)) {
      Map<String, Long> sentAt = new ConcurrentHashMap<>();
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      HttpResponse<InputStream> feed =
          http.send(
              HttpRequest.newBuilder(URI.create(console.url("/api/feed")))
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      Thread reader = new Thread(() -> read(feed, sentAt, latencies), "feed-reader");
      reader.setDaemon(true);
      reader.start();
      Thread.sleep(2_000);

      System.out.printf("publishing %d events a second for %d s%n", rate, seconds);
      List<Long> apiMillis = new ArrayList<>();
      int published = publish(kafka, rate, seconds, sentAt, http, console, apiMillis);
      Thread.sleep(3_000);
      reader.interrupt();

      List<Long> sorted;
      synchronized (latencies) {
        sorted = new ArrayList<>(latencies);
      }
      Collections.sort(sorted);
      Collections.sort(apiMillis);
      long rss = console.residentBytes() / (1024 * 1024);
      long[] weight = pageWeight(http, console);
      System.out.printf(
          Locale.ROOT,
          "events published %d, reached the page %d; publish→page p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
          published,
          sorted.size(),
          quantile(sorted, 0.5) / 1e6,
          quantile(sorted, 0.95) / 1e6,
          quantile(sorted, 1.0) / 1e6);
      System.out.printf(
          Locale.ROOT,
          "API meanwhile (GET /api/series, /api/incidents): p95 %d ms of %d requests%n",
          quantile(apiMillis, 0.95),
          apiMillis.size());
      System.out.printf("console RSS %d MB%n", rss);
      System.out.printf(
          "page weight: %d KB as sent (compressed), %d KB unpacked (page, script, styles)%n",
          weight[0] / 1024, weight[1] / 1024);
      System.out.printf(
          Locale.ROOT,
          "RESULT events_per_s=%d delivered=%.3f feed_p95_ms=%.0f api_p95_ms=%d console_rss_mb=%d page_kb=%d%n",
          rate,
          published == 0 ? 0.0 : (double) sorted.size() / published,
          quantile(sorted, 0.95) / 1e6,
          quantile(apiMillis, 0.95),
          rss,
          weight[0] / 1024);
    }
  }

  private static int publish(
      KafkaBroker kafka,
      int rate,
      int seconds,
      Map<String, Long> sentAt,
      HttpClient http,
      ServiceProcess console,
      List<Long> apiMillis)
      throws Exception {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig(Principal.SCOUT));
    config.put("linger.ms", 0);
    int published = 0;
    long start = System.nanoTime();
    long periodNanos = 1_000_000_000L / rate;
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < rate * seconds; i++) {
        long due = start + i * periodNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        Event<AnomalyDetected> event = anomaly(i);
        sentAt.put(event.eventId(), System.nanoTime());
        producer.send(
            new ProducerRecord<>(
                Topics.SCOUT_ANOMALIES.name(), "policy-service", EventJson.write(event)));
        published++;
        if (i % rate == 0) {
          apiMillis.add(timed(http, console.url("/api/series")));
          apiMillis.add(timed(http, console.url("/api/incidents")));
        }
      }
      producer.flush();
    }
    return published;
  }

  private static Event<AnomalyDetected> anomaly(int i) {
    Instant now = Instant.now();
    return new Event<>(
        UUID.randomUUID().toString(),
        now,
        "scout",
        "AnomalyDetected",
        null,
        null,
        Event.SCHEMA_VERSION,
        new AnomalyDetected(
            new Anomaly(
                "bench-" + i,
                "policy-service",
                null,
                Signal.LATENCY,
                812.0,
                41.0,
                "ms",
                new TimeWindow(now.minusSeconds(5), now),
                List.of())));
  }

  private static void read(
      HttpResponse<InputStream> feed, Map<String, Long> sentAt, List<Long> latencies) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(feed.body(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        Matcher id = EVENT_ID.matcher(line);
        if (line.startsWith("data:") && id.find()) {
          Long sent = sentAt.remove(id.group(1));
          if (sent != null) {
            latencies.add(System.nanoTime() - sent);
          }
        }
      }
    } catch (IOException closed) {
      // the figures are printed; the stream ends with the console
    }
  }

  private static long timed(HttpClient http, String url) throws Exception {
    long start = System.nanoTime();
    HttpResponse<Void> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** The page and its bundled script and styles: bytes as sent with gzip, and unpacked. */
  private static long[] pageWeight(HttpClient http, ServiceProcess console) throws Exception {
    String page =
        http.send(
                HttpRequest.newBuilder(URI.create(console.url("/"))).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    List<String> paths = new ArrayList<>(List.of("/"));
    Matcher bundle = BUNDLE.matcher(page);
    while (bundle.find()) {
      paths.add(bundle.group(1));
    }
    long sent = 0;
    long unpacked = 0;
    for (String path : paths) {
      sent +=
          http.send(
                  HttpRequest.newBuilder(URI.create(console.url(path)))
                      .header("Accept-Encoding", "gzip")
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray())
              .body()
              .length;
      unpacked +=
          http.send(
                  HttpRequest.newBuilder(URI.create(console.url(path))).build(),
                  HttpResponse.BodyHandlers.ofByteArray())
              .body()
              .length;
    }
    return new long[] {sent, unpacked};
  }

  private static <T extends Comparable<T>> T quantile(List<T> sorted, double quantile) {
    if (sorted.isEmpty()) {
      throw new IllegalStateException("nothing was measured");
    }
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}

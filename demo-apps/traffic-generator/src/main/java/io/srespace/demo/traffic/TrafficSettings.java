package io.srespace.demo.traffic;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** How much traffic to send, where, and for how long; parsed from the command line. */
public record TrafficSettings(
    URI target,
    double journeysPerSecond,
    double purchaseRatio,
    int customers,
    Duration duration,
    Duration warmup,
    Duration reportEvery,
    int maxInFlight) {

  static final String USAGE =
      """
      usage: traffic-generator [--target URL] [--rate N] [--purchase-ratio R] [--customers N]
                               [--duration SECONDS] [--warmup SECONDS] [--report-every SECONDS]
                               [--max-in-flight N]
        --target          quote-service base URL (default http://127.0.0.1:8080)
        --rate            quote journeys started per second, on average (default 50)
        --purchase-ratio  share of quotes that go on to a purchase (default 0.3)
        --customers       customers c-1 .. c-N to draw from (default 100000)
        --duration        seconds to run; 0 runs until stopped (default 0)
        --warmup          seconds of traffic before the measured run, left out of RESULT (default 0)
        --report-every    seconds between summary lines (default 5)
        --max-in-flight   journeys in progress at most; more are counted as dropped (default 256)
      """;

  public TrafficSettings {
    if (journeysPerSecond <= 0 || journeysPerSecond > 10_000) {
      throw new IllegalArgumentException("--rate must be above 0 and at most 10000");
    }
    if (purchaseRatio < 0 || purchaseRatio > 1) {
      throw new IllegalArgumentException("--purchase-ratio must be between 0 and 1");
    }
    if (customers < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("--customers and --max-in-flight must be at least 1");
    }
  }

  public static TrafficSettings parse(String... args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    try {
      TrafficSettings settings =
          new TrafficSettings(
              URI.create(options.getOrDefault("target", "http://127.0.0.1:8080")),
              Double.parseDouble(options.getOrDefault("rate", "50")),
              Double.parseDouble(options.getOrDefault("purchase-ratio", "0.3")),
              Integer.parseInt(options.getOrDefault("customers", "100000")),
              Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "0"))),
              Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "0"))),
              Duration.ofSeconds(Long.parseLong(options.getOrDefault("report-every", "5"))),
              Integer.parseInt(options.getOrDefault("max-in-flight", "256")));
      options
          .keySet()
          .removeAll(
              Set.of(
                  "target",
                  "rate",
                  "warmup",
                  "purchase-ratio",
                  "customers",
                  "duration",
                  "report-every",
                  "max-in-flight"));
      if (!options.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown option --" + options.keySet().iterator().next());
      }
      return settings;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + e.getMessage());
    }
  }
}

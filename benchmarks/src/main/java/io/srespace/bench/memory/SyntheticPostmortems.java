package io.srespace.bench.memory;

import io.srespace.events.ConfigChange;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentTimeline;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Varied post-mortems for the benchmark: services × fault classes × actions, each fault with
 * several wordings of its symptoms and root cause and random figures, reproducible from a seed.
 */
final class SyntheticPostmortems {
  static final List<String> SERVICES =
      List.of(
          "quote-service",
          "policy-service",
          "user-service",
          "payment-service",
          "cart-service",
          "checkout-service",
          "inventory-service",
          "search-service",
          "email-service",
          "auth-service",
          "gateway",
          "recommendation-service",
          "pricing-service",
          "shipping-service",
          "notification-service",
          "ledger-service");

  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * The classes the corpus draws from (capacity and storage, added later, are not drawn: the draw
   * stays).
   */
  private static final List<FaultClass> DRAWN =
      List.of(
          FaultClass.UNAVAILABLE,
          FaultClass.LATENCY,
          FaultClass.CPU,
          FaultClass.MEMORY,
          FaultClass.ERRORS,
          FaultClass.WRONG_RESULT,
          FaultClass.RESOURCE_EXHAUSTION);

  private final Random random;

  SyntheticPostmortems(long seed) {
    this.random = new Random(seed);
  }

  /** One fault on one service: what was seen, why, and what was done. */
  record Case(String service, FaultClass fault, String caller) {}

  Case nextCase() {
    String service = pick(SERVICES);
    String caller = pick(SERVICES);
    while (caller.equals(service)) {
      caller = pick(SERVICES);
    }
    return new Case(service, pick(DRAWN), caller);
  }

  PostmortemWritten next(int number) {
    Case c = nextCase();
    RemediationAction action = action(c.fault());
    Instant detected = EPOCH.plus(Duration.ofMinutes(37L * number + random.nextInt(30)));
    IncidentTimeline timeline =
        new IncidentTimeline(
            detected,
            detected.plusSeconds(3 + random.nextInt(20)),
            detected.plusSeconds(25 + random.nextInt(60)),
            detected.plusSeconds(90 + random.nextInt(600)));
    String title = title(c);
    ConfigChange change =
        action == RemediationAction.PULL_REQUEST
            ? new ConfigChange(
                c.service() + "/application.yaml",
                configKey(c.fault()),
                String.valueOf(5 + random.nextInt(20)),
                String.valueOf(30 + random.nextInt(70)))
            : null;
    return new PostmortemWritten(
        title,
        "# " + title + "\n\n" + symptoms(c) + "\n",
        c.service(),
        c.fault(),
        action,
        action == RemediationAction.ESCALATE ? "escalated" : "verified",
        rootCause(c),
        timeline,
        symptoms(c),
        change,
        "#" + (number + 1));
  }

  /** How Brain would describe a new incident of this case, worded afresh. */
  String question(Case c) {
    return symptoms(c);
  }

  private String title(Case c) {
    String template =
        switch (c.fault()) {
          case UNAVAILABLE -> pick(List.of("%s down", "%s stopped answering", "%s crashed"));
          case LATENCY -> pick(List.of("%s slow", "%s latency spike", "slow responses from %s"));
          case CPU -> pick(List.of("%s CPU saturated", "%s burning CPU", "%s CPU throttled"));
          case MEMORY -> pick(List.of("%s ran out of heap", "%s memory leak", "%s OOM-killed"));
          case ERRORS -> pick(List.of("%s errors", "%s returning 500s", "exceptions in %s"));
          case WRONG_RESULT ->
              pick(List.of("%s wrong answers", "%s business rule broke", "conversions lost at %s"));
          case RESOURCE_EXHAUSTION ->
              pick(List.of("%s pool exhausted", "%s out of connections", "%s thread pool full"));
          case CAPACITY -> pick(List.of("%s overloaded", "%s cannot keep up with traffic"));
          case STORAGE -> pick(List.of("%s disk full", "%s out of disk space"));
        };
    return template.formatted(c.service());
  }

  private String symptoms(Case c) {
    String s = c.service();
    String caller = c.caller();
    return switch (c.fault()) {
      case UNAVAILABLE ->
          pick(List.of(
                  "health probe of %s failed %d times in a row; %s calling %s: connection refused",
                  "%s down for %d s; %s sees errors calling %s",
                  "no metrics from %s for %d s; calls from %s to %s fail"))
              .formatted(s, 3 + random.nextInt(30), caller, s);
      case LATENCY ->
          "p95 latency of %s %d ms (normal %d ms); %s calling %s slow"
              .formatted(s, 800 + random.nextInt(3000), 5 + random.nextInt(40), caller, s);
      case CPU ->
          pick(List.of(
                  "CPU of %s at %d%% (normal %d%%); latency of %s up",
                  "%s CPU %d%% for minutes (normal %d%%); %s requests queue"))
              .formatted(s, 85 + random.nextInt(15), 10 + random.nextInt(30), s);
      case MEMORY ->
          "heap on %s: %.2f of max (normal %.2f), growing %.1f MB/s; GC pauses"
              .formatted(
                  s,
                  0.85 + random.nextDouble() * 0.14,
                  0.3 + random.nextDouble() * 0.2,
                  0.1 + random.nextDouble() * 2);
      case ERRORS ->
          pick(List.of(
                  "error-rate on %s: %.2f (normal %.3f); %s calling %s gets 500",
                  "exceptions in %s at %.2f of requests (normal %.3f); %s retries %s"))
              .formatted(s, 0.1 + random.nextDouble() * 0.8, random.nextDouble() * 0.01, caller, s);
      case WRONG_RESULT ->
          "conversion fell from %.2f to %.2f; no errors; %s rejects what %s sends"
              .formatted(0.5 + random.nextDouble() * 0.3, random.nextDouble() * 0.05, s, caller);
      case RESOURCE_EXHAUSTION ->
          "%d requests waiting for a pooled connection in %s (pool of %d); timeouts at %s"
              .formatted(20 + random.nextInt(200), s, 5 + random.nextInt(10), caller);
      case CAPACITY ->
          "%s handles %d requests/s (normal %d); p95 up everywhere; nothing fails alone"
              .formatted(s, 100 + random.nextInt(400), 10 + random.nextInt(40));
      case STORAGE ->
          "data filesystem of %s %d%% full; writes fail; %s sees 500"
              .formatted(s, 96 + random.nextInt(4), caller);
    };
  }

  private String rootCause(Case c) {
    String template =
        switch (c.fault()) {
          case UNAVAILABLE ->
              pick(List.of("%s process killed", "%s crashed on start", "%s host lost"));
          case LATENCY -> pick(List.of("slow database queries in %s", "%s waits on a slow disk"));
          case CPU -> pick(List.of("a busy loop in %s", "%s regex backtracking"));
          case MEMORY -> pick(List.of("a cache without eviction in %s", "%s leaks sessions"));
          case ERRORS -> pick(List.of("a bad deploy of %s", "%s config typo throws on parse"));
          case WRONG_RESULT ->
              pick(List.of("%s business rule misconfigured", "%s rejects valid input"));
          case RESOURCE_EXHAUSTION ->
              pick(List.of("%s pool too small for the load", "%s leaks connections"));
          case CAPACITY -> pick(List.of("a traffic surge into %s", "%s under-provisioned"));
          case STORAGE ->
              pick(List.of("%s logs never rotated", "a runaway export filled %s's disk"));
        };
    return template.formatted(c.service());
  }

  private RemediationAction action(FaultClass fault) {
    return switch (fault) {
      case WRONG_RESULT, RESOURCE_EXHAUSTION -> RemediationAction.PULL_REQUEST;
      case CAPACITY, STORAGE -> RemediationAction.ESCALATE;
      case LATENCY ->
          random.nextInt(3) == 0 ? RemediationAction.ESCALATE : RemediationAction.RESTART;
      default -> random.nextInt(10) == 0 ? RemediationAction.ESCALATE : RemediationAction.RESTART;
    };
  }

  private static String configKey(FaultClass fault) {
    return fault == FaultClass.WRONG_RESULT ? "policy.min-age" : "datasource.max-size";
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  static String id(int number) {
    return String.format(Locale.ROOT, "INC-BENCH-%06d", number);
  }
}

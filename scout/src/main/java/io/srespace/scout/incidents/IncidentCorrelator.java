package io.srespace.scout.incidents;

import io.srespace.events.Anomaly;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.Severity;
import io.srespace.events.Signal;
import io.srespace.events.SymptomsCleared;
import io.srespace.knowledge.KnowledgeGraph;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Joins anomalies into incidents: an anomaly belongs to an open incident when it came within the
 * join window of the incident's last anomaly and its service (or the service it called) is one of
 * the incident's services or calls or is called by one of them — so a dead user-service and
 * quote-service's errors are one incident. A new incident gathers for {@code gather} (the rest of
 * its window's anomalies arrive milliseconds apart), then, on a tick, its issue is opened and it is
 * announced once with all of them. An incident whose signals have all been quiet for the quiet
 * period, counted from its last anomaly or its announcement if that came later, is cleared — after
 * Fixer restarted a service for it, not before a whole window after the restart was judged, and
 * without counting the restart's own downtime ({@link FixerRestarts}).
 */
public final class IncidentCorrelator {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private static final Logger LOG = Logger.getLogger(IncidentCorrelator.class);
  private final KnowledgeGraph topology;
  private final Duration joinWindow;
  static final int MEMORY_QUIET_FACTOR = 4;
  private final Duration quietPeriod;
  private final Duration gather;
  private final PlannedRestarts planned;
  private final FixerRestarts restarts;

  /** What happened to which incident, and the incident's issue. */
  public record Outcome(String incidentId, int issue, IncidentEvent event) {}

  /**
   * Opens the issue of an incident about to be announced, idempotently (never two); empty when the
   * board cannot be reached now.
   */
  @FunctionalInterface
  public interface IssueOpener {
    Optional<Integer> open(String incidentId, IncidentOpened incident);
  }

  public IncidentCorrelator(
      KnowledgeGraph topology, Duration joinWindow, Duration quietPeriod, Duration gather) {
    this(
        topology,
        joinWindow,
        quietPeriod,
        gather,
        PlannedRestarts.none(topology),
        FixerRestarts.none(topology));
  }

  /**
   * {@code planned}: the deployments' restarts, whose anomalies open no incident; {@code restarts}:
   * Fixer's, whose downtime does not keep the incident they were for open.
   */
  public IncidentCorrelator(
      KnowledgeGraph topology,
      Duration joinWindow,
      Duration quietPeriod,
      Duration gather,
      PlannedRestarts planned,
      FixerRestarts restarts) {
    this.planned = planned;
    this.restarts = restarts;
    this.topology = topology;
    this.joinWindow = joinWindow;
    this.quietPeriod = quietPeriod;
    this.gather = gather;
  }

  /** Files one anomaly seen at {@code at} into {@code open}, which it updates. */
  public Optional<Outcome> onAnomaly(Map<String, OpenIncident> open, Anomaly anomaly, Instant at) {
    Set<String> involved = involved(anomaly);
    Optional<OpenIncident> match =
        open.values().stream()
            .filter(incident -> !incident.lastAnomalyAt().plus(joinWindow).isBefore(at))
            .filter(incident -> explains(incident, anomaly))
            .max(
                Comparator.comparing(
                        (OpenIncident incident) ->
                            incident.anomalies().stream()
                                .anyMatch(a -> a.signal() == anomaly.signal()))
                    .thenComparing(OpenIncident::lastAnomalyAt));
    if (match.isEmpty()) {
      Optional<String> restarted = planned.explains(anomaly);
      if (restarted.isPresent()) {
        LOG.infof(
            "%s opens no incident: %s was redeployed just before (a planned restart)",
            title(anomaly), restarted.get());
        return Optional.empty();
      }
      OpenIncident incident =
          new OpenIncident(
              idFor(anomaly),
              title(anomaly),
              severity(List.of(anomaly)),
              List.copyOf(involved),
              List.of(anomaly),
              anomaly.window().start(),
              at,
              at,
              null,
              null);
      open.put(incident.incidentId(), incident);
      return Optional.empty();
    }
    OpenIncident incident = match.get();
    boolean known =
        incident.anomalies().stream().anyMatch(a -> a.anomalyId().equals(anomaly.anomalyId()));
    Set<String> services = new LinkedHashSet<>(incident.services());
    boolean spread = services.addAll(involved);
    List<Anomaly> anomalies = new ArrayList<>(incident.anomalies());
    if (!known) {
      anomalies.add(anomaly);
    }
    // The downtime of Fixer's restart for this incident joins it but is no sign the fault lasts.
    boolean lasting =
        at.isAfter(incident.lastAnomalyAt()) && !restarts.downtime(incident.incidentId(), anomaly);
    OpenIncident updated =
        new OpenIncident(
            incident.incidentId(),
            incident.title(),
            severity(anomalies),
            List.copyOf(services),
            anomalies,
            earliest(incident.firstSeen(), anomaly.window().start()),
            incident.createdAt(),
            lasting ? at : incident.lastAnomalyAt(),
            incident.issue(),
            incident.announcedAt());
    open.put(updated.incidentId(), updated);
    if ((known && !spread) || !updated.announced()) {
      return Optional.empty();
    }
    return Optional.of(
        new Outcome(
            updated.incidentId(),
            updated.issue(),
            new IncidentUpdated(
                updated.severity(), updated.services(), known ? List.of() : List.of(anomaly))));
  }

  /**
   * How long an incident must be quiet to be cleared. A memory incident waits {@link
   * #MEMORY_QUIET_FACTOR} times longer: its trend is judged once a metrics report and pauses while
   * a collection resets the heap's floor, and a leak does not heal by itself.
   */
  private Duration quietNeeded(OpenIncident incident) {
    boolean memory = incident.anomalies().stream().anyMatch(a -> a.signal() == Signal.HEAP);
    return memory ? quietPeriod.multipliedBy(MEMORY_QUIET_FACTOR) : quietPeriod;
  }

  /**
   * Announces, with their issue, the incidents that have gathered long enough, and clears (and
   * removes from {@code open}) the announced ones quiet for the quiet period at {@code now}. An
   * incident whose issue cannot be opened yet stays unannounced, and the next tick tries again.
   * {@code open} changes only with an outcome returned.
   */
  public List<Outcome> onTick(Map<String, OpenIncident> open, Instant now, IssueOpener issues) {
    List<Outcome> outcomes = new ArrayList<>();
    for (OpenIncident incident : List.copyOf(open.values())) {
      if (!incident.announced()) {
        if (Duration.between(incident.createdAt(), now).compareTo(gather) >= 0) {
          IncidentOpened opened =
              new IncidentOpened(
                  incident.title(),
                  incident.severity(),
                  incident.services(),
                  incident.anomalies(),
                  incident.firstSeen());
          long asked = System.nanoTime();
          issues
              .open(incident.incidentId(), opened)
              .ifPresent(
                  issue -> {
                    // The board may have taken long: the announcement is as late as it was.
                    Instant announced = now.plusNanos(System.nanoTime() - asked);
                    open.put(incident.incidentId(), incident.withIssue(issue, announced));
                    outcomes.add(new Outcome(incident.incidentId(), issue, opened));
                  });
        }
        continue;
      }
      if (Duration.between(incident.quietSince(), now).compareTo(quietNeeded(incident)) >= 0
          && restarts.mayClear(incident.incidentId(), now)) {
        open.remove(incident.incidentId());
        restarts.forget(incident.incidentId());
        Duration quiet = Duration.between(incident.lastAnomalyAt(), now);
        outcomes.add(
            new Outcome(
                incident.incidentId(),
                incident.issue(),
                new SymptomsCleared(incident.lastAnomalyAt(), quiet.toSeconds())));
      }
    }
    return outcomes;
  }

  /**
   * Whether the incident accounts for the anomaly: it is about a service the incident's anomalies
   * are about (a client span's anomaly is about the service it called), or it is a symptom a caller
   * shows of one of them (its own errors or latency), or the incident so far holds only symptoms of
   * a caller of the service the anomaly is about (it found the cause deeper down). Two services
   * called by the same one are not each other's explanation: a dead policy-service and a slow
   * user-service, both called by quote-service, are two incidents.
   */
  private boolean explains(OpenIncident incident, Anomaly anomaly) {
    String subject = subject(anomaly);
    Set<String> subjects = new LinkedHashSet<>();
    incident.anomalies().forEach(a -> subjects.add(subject(a)));
    if (subjects.contains(subject)) {
      return true;
    }
    if (SYMPTOMS.contains(anomaly.signal())
        && subjects.stream().anyMatch(s -> topology.calls(subject, s))) {
      return true;
    }
    return incident.anomalies().stream()
        .filter(a -> SYMPTOMS.contains(a.signal()))
        .map(this::subject)
        .filter(s -> subjects.stream().noneMatch(deeper -> topology.calls(s, deeper)))
        .anyMatch(s -> topology.calls(s, subject));
  }

  /** What a caller shows when a service it calls fails: not a failure of its own. */
  private static final Set<Signal> SYMPTOMS =
      EnumSet.of(Signal.ERROR_RATE, Signal.LATENCY, Signal.TRAFFIC, Signal.CONVERSION);

  /** The service an anomaly is about: the one called, for a client span's; else its own. */
  private String subject(Anomaly anomaly) {
    return anomaly.peer() == null
        ? anomaly.service()
        : topology.serviceAt(anomaly.peer()).orElse(anomaly.service());
  }

  private static Instant earliest(Instant a, Instant b) {
    return b.isBefore(a) ? b : a;
  }

  private Set<String> involved(Anomaly anomaly) {
    Set<String> services = new LinkedHashSet<>();
    services.add(anomaly.service());
    if (anomaly.peer() != null) {
      topology.serviceAt(anomaly.peer()).ifPresent(services::add);
    }
    return services;
  }

  private String title(Anomaly anomaly) {
    String where =
        anomaly.peer() == null
            ? anomaly.service()
            : anomaly.service() + " → " + topology.serviceAt(anomaly.peer()).orElse(anomaly.peer());
    return "%s on %s: %.3g %s (normal %.3g)"
        .formatted(
            anomaly.signal().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            where,
            anomaly.observed(),
            anomaly.unit(),
            anomaly.baseline());
  }

  private static Severity severity(List<Anomaly> anomalies) {
    boolean severe =
        anomalies.stream()
            .anyMatch(
                a ->
                    (a.signal() == Signal.ERROR_RATE && a.observed() >= 0.5)
                        || a.signal() == Signal.HEALTH
                        || a.signal() == Signal.NO_DATA);
    return severe ? Severity.CRITICAL : Severity.MAJOR;
  }

  /**
   * The incident id of the anomaly that opens it: the time its window ended and a digest of its id,
   * the same however often the anomaly is read again (after a crash the incident, and its issue,
   * are the ones it had).
   */
  static String idFor(Anomaly anomaly) {
    byte[] digest =
        sha256(anomaly.anomalyId() + "|" + anomaly.service() + "|" + anomaly.window().end());
    return "INC-"
        + ID_TIME.format(anomaly.window().end())
        + "-"
        + HexFormat.of().formatHex(digest, 0, 2);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}

package io.srespace.scout.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.Anomaly;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.Severity;
import io.srespace.events.Signal;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.TimeWindow;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.scout.incidents.IncidentCorrelator.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentCorrelatorTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final KnowledgeGraph TOPOLOGY =
      KnowledgeGraph.load(Path.of("..", "infra", "topology.yaml"));

  private static final Duration GATHER = Duration.ofMillis(250);

  private final IncidentCorrelator correlator =
      new IncidentCorrelator(TOPOLOGY, Duration.ofSeconds(60), Duration.ofSeconds(30), GATHER);
  private final Map<String, OpenIncident> open = new HashMap<>();
  private final Map<String, Integer> issues = new HashMap<>();
  private boolean boardDown;

  /** A board that numbers issues in order and opens one per incident, as the real ones do. */
  private Optional<Integer> openIssue(String incidentId, IncidentOpened incident) {
    if (boardDown) {
      return Optional.empty();
    }
    return Optional.of(issues.computeIfAbsent(incidentId, id -> issues.size() + 1));
  }

  private List<Outcome> tick(Instant at) {
    return correlator.onTick(open, at, this::openIssue);
  }

  @Test
  void aWindowsAnomaliesAreAnnouncedOnceTogetherWithTheirIssue() {
    assertThat(correlator.onAnomaly(open, anomaly("a1", "user-service", null, 0.98), T0)).isEmpty();
    assertThat(
            correlator.onAnomaly(
                open, anomaly("a2", "quote-service", "127.0.0.1:8082", 0.97), T0.plusMillis(40)))
        .isEmpty();
    assertThat(tick(T0.plusMillis(200))).as("still gathering").isEmpty();

    Outcome opened = tick(T0.plusMillis(300)).get(0);

    assertThat(opened.issue()).isEqualTo(1);
    assertThat(opened.event())
        .isInstanceOfSatisfying(
            IncidentOpened.class,
            o -> {
              assertThat(o.services()).containsExactly("user-service", "quote-service");
              assertThat(o.anomalies()).extracting(Anomaly::anomalyId).containsExactly("a1", "a2");
              assertThat(o.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(o.title()).startsWith("error-rate on user-service: 0.980 ratio");
            });
    assertThat(opened.incidentId()).matches("INC-20261123-120000-[0-9a-f]{4}");
    assertThat(tick(T0.plusMillis(600))).as("announced once").isEmpty();
    assertThat(open).hasSize(1);
  }

  @Test
  void anIssueThatTookLongToOpenDoesNotMakeTheIncidentLookQuiet() {
    IncidentCorrelator quick =
        new IncidentCorrelator(TOPOLOGY, Duration.ofSeconds(60), Duration.ofSeconds(1), GATHER);
    quick.onAnomaly(open, anomaly("a1", "user-service", null, 0.98), T0);
    // The board's lock was held: opening the issue took 1.2 s of the tick.
    List<Outcome> opened =
        quick.onTick(
            open,
            T0.plusMillis(300),
            (id, incident) -> {
              try {
                Thread.sleep(1_200);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Optional.of(7);
            });
    assertThat(opened).singleElement().satisfies(o -> assertThat(o.issue()).isEqualTo(7));

    assertThat(quick.onTick(open, T0.plusMillis(1_600), this::openIssue))
        .as("1.6 s after the anomaly but only 0.1 s after the announcement: not quiet yet")
        .isEmpty();
    assertThat(quick.onTick(open, T0.plusMillis(2_600), this::openIssue))
        .singleElement()
        .satisfies(o -> assertThat(o.event()).isInstanceOf(SymptomsCleared.class));
  }

  @Test
  void theSameAnomalyReadAgainAfterACrashOpensTheSameIncidentOnItsIssue() {
    correlator.onAnomaly(open, anomaly("a1", "user-service", null, 0.98), T0);
    Outcome first = tick(T0.plusSeconds(1)).get(0);

    // A restarted Scout whose state lost the incident reads the anomaly again, later.
    open.clear();
    correlator.onAnomaly(open, anomaly("a1", "user-service", null, 0.98), T0.plusSeconds(30));
    Outcome again = tick(T0.plusSeconds(31)).get(0);

    assertThat(again.incidentId()).isEqualTo(first.incidentId());
    assertThat(again.issue()).as("the issue opened before the crash").isEqualTo(first.issue());
    correlator.onAnomaly(open, anomaly("a9", "policy-service", null, 0.98), T0.plusSeconds(400));
    assertThat(open.keySet()).hasSize(2).contains(first.incidentId());
  }

  @Test
  void anAnomalyAfterTheAnnouncementUpdatesTheIncidentOnItsIssue() {
    correlator.onAnomaly(open, anomaly("a1", "user-service", null, 0.98), T0);
    String id = tick(T0.plusSeconds(1)).get(0).incidentId();

    Outcome updated =
        correlator
            .onAnomaly(
                open, anomaly("a2", "quote-service", "127.0.0.1:8082", 0.97), T0.plusSeconds(10))
            .orElseThrow();

    assertThat(updated.incidentId()).isEqualTo(id);
    assertThat(updated.issue()).isEqualTo(1);
    assertThat(updated.event())
        .isInstanceOfSatisfying(
            IncidentUpdated.class,
            u -> assertThat(u.services()).containsExactly("user-service", "quote-service"));
  }

  @Test
  void anIncidentIsAnnouncedOnlyOnceItsIssueIsOpen() {
    correlator.onAnomaly(open, anomaly("a1", "user-service", null, 0.98), T0);
    boardDown = true;

    assertThat(tick(T0.plusSeconds(1))).isEmpty();
    assertThat(tick(T0.plusSeconds(2))).isEmpty();
    boardDown = false;

    assertThat(tick(T0.plusSeconds(3)))
        .singleElement()
        .satisfies(o -> assertThat(o.event()).isInstanceOf(IncidentOpened.class));
  }

  @Test
  void servicesThatDoNotCallEachOtherAreSeparateIncidents() {
    correlator.onAnomaly(open, anomaly("a1", "user-service", null, 0.3), T0);
    correlator.onAnomaly(open, anomaly("a2", "policy-service", null, 0.3), T0);

    List<Outcome> opened = tick(T0.plusSeconds(1));

    assertThat(opened).extracting(Outcome::issue).containsExactlyInAnyOrder(1, 2);
    assertThat(opened).extracting(Outcome::incidentId).doesNotHaveDuplicates();
    assertThat(open).hasSize(2);
  }

  @Test
  void theSameAnomalyAgainChangesNothingVisible() {
    correlator.onAnomaly(open, anomaly("a1", "user-service", null, 0.3), T0);
    tick(T0.plusSeconds(1));

    assertThat(
            correlator.onAnomaly(
                open, anomaly("a1", "user-service", null, 0.31), T0.plusSeconds(10)))
        .isEmpty();
    assertThat(open.values().iterator().next().lastAnomalyAt()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void anAnomalyLongAfterTheLastOneOpensANewIncident() {
    correlator.onAnomaly(open, anomaly("a1", "user-service", null, 0.3), T0);
    String first = tick(T0.plusSeconds(1)).get(0).incidentId();

    correlator.onAnomaly(open, anomaly("a2", "user-service", null, 0.3), T0.plusSeconds(20));
    correlator.onAnomaly(open, anomaly("a3", "user-service", null, 0.3), T0.plusSeconds(120));
    List<Outcome> later = tick(T0.plusSeconds(121));

    assertThat(later)
        .filteredOn(o -> o.event() instanceof IncidentOpened)
        .singleElement()
        .satisfies(o -> assertThat(o.incidentId()).isNotEqualTo(first));
  }

  @Test
  void anIncidentQuietForTheQuietPeriodIsCleared() {
    correlator.onAnomaly(open, anomaly("a1", "user-service", null, 0.3), T0);
    String id = tick(T0.plusSeconds(1)).get(0).incidentId();

    assertThat(tick(T0.plusSeconds(30))).as("30 s after the anomaly, 29 after the issue").isEmpty();
    List<Outcome> cleared = tick(T0.plusSeconds(31).plusMillis(100));

    assertThat(cleared)
        .singleElement()
        .satisfies(
            outcome -> {
              assertThat(outcome.incidentId()).isEqualTo(id);
              assertThat(outcome.issue()).isEqualTo(1);
              assertThat(outcome.event())
                  .isInstanceOfSatisfying(
                      SymptomsCleared.class, c -> assertThat(c.quietSeconds()).isEqualTo(31));
            });
    assertThat(open).isEmpty();
  }

  @Test
  void aMemoryIncidentWaitsFourQuietPeriodsBeforeItIsCleared() {
    Anomaly heap =
        new Anomaly(
            "h1",
            "quote-service",
            null,
            Signal.HEAP,
            0.7,
            0.4,
            "of the heap limit, full in about 90 s",
            new TimeWindow(T0.minusSeconds(5), T0),
            List.of());
    correlator.onAnomaly(open, heap, T0);
    assertThat(tick(T0.plusSeconds(1))).singleElement();

    assertThat(tick(T0.plusSeconds(31))).isEmpty();
    assertThat(tick(T0.plusSeconds(120))).isEmpty();
    assertThat(tick(T0.plusSeconds(121).plusMillis(100))).singleElement();
    assertThat(open).isEmpty();
  }

  @Test
  void theTopologyKnowsWhoCallsWhomAndWhereEachServiceAnswers() {
    assertThat(TOPOLOGY.related("quote-service", "policy-service")).isTrue();
    assertThat(TOPOLOGY.related("user-service", "policy-service")).isFalse();
    assertThat(TOPOLOGY.serviceAt("127.0.0.1:8081")).contains("policy-service");
    assertThat(TOPOLOGY.serviceAt("10.0.0.9:80")).isEmpty();
  }

  @Test
  void aDeploymentsRestartOpensNoIncidentButWhatOutlastsItsGraceDoes() {
    PlannedRestarts planned = new PlannedRestarts(TOPOLOGY, Duration.ofSeconds(20));
    IncidentCorrelator correlating =
        new IncidentCorrelator(
            TOPOLOGY,
            Duration.ofSeconds(60),
            Duration.ofSeconds(30),
            GATHER,
            planned,
            FixerRestarts.none(TOPOLOGY));
    // user-service is redeployed 12 s before the anomalies' window ends (it began 2 s after).
    assertThat(planned.deployed("user-service", T0.minusSeconds(12))).isTrue();
    assertThat(planned.deployed("not-in-the-topology", T0.minusSeconds(12)))
        .as("a service the topology does not know plans nothing")
        .isFalse();

    correlating.onAnomaly(open, anomaly("own", "user-service", null, 0.9), T0);
    correlating.onAnomaly(open, anomaly("edge", "quote-service", "127.0.0.1:8082", 0.9), T0);
    correlating.onAnomaly(open, anomaly("caller", "quote-service", null, 0.9), T0);
    assertThat(open).as("the restart explains all three").isEmpty();

    // policy-service was not deployed: its errors are a fault of their own.
    correlating.onAnomaly(open, anomaly("other", "policy-service", null, 0.9), T0);
    assertThat(open).hasSize(1);

    // Errors that began after the grace are not the restart's.
    open.clear();
    Anomaly later =
        new Anomaly(
            "later",
            "user-service",
            null,
            Signal.ERROR_RATE,
            0.9,
            0.0,
            "ratio",
            new TimeWindow(T0.plusSeconds(10), T0.plusSeconds(20)),
            List.of());
    correlating.onAnomaly(open, later, T0.plusSeconds(20));
    assertThat(open).hasSize(1);
  }

  /** Fixer's restarts as Scout knows them: 5 s windows, judged 3 s after they end. */
  private final FixerRestarts restarts =
      new FixerRestarts(TOPOLOGY, Duration.ofSeconds(5), Duration.ofSeconds(3));

  /** A correlator that knows {@link #restarts}, with 10 s of quiet. */
  private final IncidentCorrelator correlating =
      new IncidentCorrelator(
          TOPOLOGY,
          Duration.ofSeconds(60),
          Duration.ofSeconds(10),
          GATHER,
          PlannedRestarts.none(TOPOLOGY),
          restarts);

  private static Anomaly errors(String id, String service, String peer, Instant windowStart) {
    return errorRate(
        id, service, peer, 0.5, new TimeWindow(windowStart, windowStart.plusSeconds(5)));
  }

  /** Opens an incident on policy-service's errors (window ending at T0) and returns its id. */
  private String openPolicyErrors() {
    correlating.onAnomaly(open, errors("p", "policy-service", null, T0.minusSeconds(5)), T0);
    return correlating.onTick(open, T0.plusMillis(300), this::openIssue).get(0).incidentId();
  }

  @Test
  void aRestartsOwnDowntimeDoesNotKeepItsIncidentOpenButAWholeWindowAfterItMustBeJudged() {
    String incident = openPolicyErrors();
    assertThat(restarts.restarted(incident, "policy-service", T0.plusMillis(4_500))).isTrue();
    restarts.answered("policy-service", T0.plusSeconds(3)); // sent before the restart: the old one
    restarts.answered("user-service", T0.plusSeconds(5)); // another service
    // quote-service's calls fail while policy-service starts again (a window begun before it
    // answered).
    correlating.onAnomaly(
        open, errors("down", "quote-service", null, T0.plusSeconds(5)), T0.plusSeconds(11));
    assertThat(correlating.onTick(open, T0.plusSeconds(30), this::openIssue))
        .as("never cleared while the restarted service has not answered")
        .isEmpty();

    restarts.answered("policy-service", T0.plusMillis(6_200));
    // The first whole window after it answered is [T0+10 s, T0+15 s], judged by T0+18 s.
    assertThat(correlating.onTick(open, T0.plusMillis(17_900), this::openIssue)).isEmpty();
    assertThat(correlating.onTick(open, T0.plusSeconds(18), this::openIssue))
        .singleElement()
        .satisfies(
            cleared -> {
              assertThat(cleared.incidentId()).isEqualTo(incident);
              assertThat(cleared.event()).isInstanceOf(SymptomsCleared.class);
            });
    assertThat(restarts.mayClear(incident, T0))
        .as("a cleared incident's restart is forgotten")
        .isTrue();
  }

  @Test
  void errorsInAWindowAfterTheRestartedServiceAnsweredStillKeepItsIncidentOpen() {
    String incident = openPolicyErrors();
    restarts.restarted(incident, "policy-service", T0.plusMillis(4_500));
    restarts.answered("policy-service", T0.plusMillis(6_200));

    // The restart did not remove the cause: the window after it still fails.
    correlating.onAnomaly(
        open, errors("p", "policy-service", null, T0.plusSeconds(10)), T0.plusSeconds(16));
    assertThat(correlating.onTick(open, T0.plusSeconds(25), this::openIssue)).isEmpty();
    assertThat(correlating.onTick(open, T0.plusSeconds(26), this::openIssue))
        .as("quiet for 10 s after the last lasting anomaly")
        .hasSize(1);
  }

  @Test
  void slowProbesOfAnEpisodeBegunBeforeTheRestartStillCountOnceAWindowAfterItHasPassed() {
    String incident = openPolicyErrors();
    restarts.restarted(incident, "policy-service", T0.plusMillis(4_500));
    restarts.answered("policy-service", T0.plusMillis(6_200));
    // Packets lost on the way: Scout's probes have been slow since before the restart, and still
    // are.
    Anomaly slowProbes =
        new Anomaly(
            "probe|policy-service@" + T0.minusSeconds(20),
            "scout",
            "127.0.0.1:8081",
            Signal.LATENCY,
            420,
            2,
            "ms (liveness probe round trip, median of 5)",
            new TimeWindow(T0.minusSeconds(20), T0.plusSeconds(9)),
            List.of());
    assertThat(restarts.downtime(incident, slowProbes))
        .as("within a window of the answer: the restart's own")
        .isTrue();
    Anomaly stillSlow =
        new Anomaly(
            slowProbes.anomalyId(),
            "scout",
            "127.0.0.1:8081",
            Signal.LATENCY,
            420,
            2,
            "ms (liveness probe round trip, median of 5)",
            new TimeWindow(T0.minusSeconds(20), T0.plusSeconds(14)),
            List.of());
    assertThat(restarts.downtime(incident, stillSlow)).as("slow a window after it").isFalse();

    correlating.onAnomaly(open, stillSlow, T0.plusSeconds(14));
    assertThat(correlating.onTick(open, T0.plusSeconds(23), this::openIssue))
        .as("the restart did not heal it: no clearance")
        .isEmpty();
  }

  @Test
  void aRestartCountsOnlyForItsIncidentAndOnlyForWhatItsDowntimeShows() {
    String incident = openPolicyErrors();
    assertThat(restarts.restarted(incident, "not-in-the-topology", T0.plusSeconds(4))).isFalse();
    assertThat(restarts.restarted(null, "policy-service", T0.plusSeconds(4))).isFalse();
    restarts.restarted("INC-another", "policy-service", T0.plusSeconds(4));
    restarts.answered("policy-service", T0.plusSeconds(6));

    Anomaly down = errors("down", "quote-service", null, T0.plusSeconds(5));
    assertThat(restarts.downtime(incident, down))
        .as("the restart was for another incident")
        .isFalse();
    assertThat(restarts.downtime("INC-another", down)).isTrue();
    assertThat(
            restarts.downtime("INC-another", errors("u", "user-service", null, T0.plusSeconds(5))))
        .as("user-service neither is policy-service nor calls it")
        .isFalse();
    Anomaly pool =
        new Anomaly(
            "pool",
            "policy-service",
            null,
            Signal.DB_POOL,
            5,
            0,
            "waiting",
            new TimeWindow(T0.plusSeconds(5), T0.plusSeconds(5)),
            List.of());
    assertThat(restarts.downtime("INC-another", pool)).as("a pool is no downtime").isFalse();
    assertThat(restarts.mayClear(incident, T0.plusSeconds(1))).as("no restart of its own").isTrue();
  }

  @Test
  void aDeadServiceAndASlowSiblingCalledByTheSameCallerAreTwoIncidents() {
    correlator.onAnomaly(open, signal("h", "policy-service", null, Signal.HEALTH), T0);
    correlator.onAnomaly(
        open, signal("e", "quote-service", "127.0.0.1:8081", Signal.ERROR_RATE), T0);
    correlator.onAnomaly(open, signal("q", "quote-service", null, Signal.ERROR_RATE), T0);
    String dead = tick(T0.plusSeconds(1)).get(0).incidentId();

    correlator.onAnomaly(
        open, signal("s", "user-service", null, Signal.LATENCY), T0.plusSeconds(5));
    correlator.onAnomaly(
        open, signal("c", "quote-service", "127.0.0.1:8082", Signal.LATENCY), T0.plusSeconds(5));
    correlator.onAnomaly(
        open, signal("l", "quote-service", null, Signal.LATENCY), T0.plusSeconds(6));
    List<Outcome> later = tick(T0.plusSeconds(7));

    assertThat(later)
        .filteredOn(o -> o.event() instanceof IncidentOpened)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.incidentId()).isNotEqualTo(dead);
              assertThat(((IncidentOpened) o.event()).anomalies())
                  .as("quote-service's own latency is the slow service's symptom")
                  .extracting(Anomaly::anomalyId)
                  .containsExactly("s", "c", "l");
            });
    assertThat(open.get(dead).anomalies())
        .extracting(Anomaly::anomalyId)
        .containsExactly("h", "e", "q");
  }

  @Test
  void aCallersSymptomSeenFirstJoinsTheCauseFoundDeeperAndNotItsSibling() {
    correlator.onAnomaly(open, signal("q", "quote-service", null, Signal.LATENCY), T0);
    correlator.onAnomaly(
        open, signal("u", "user-service", null, Signal.LATENCY), T0.plusSeconds(1));
    assertThat(open).as("the caller's symptom, then its cause").hasSize(1);
    correlator.onAnomaly(open, signal("p", "policy-service", null, Signal.HEAP), T0.plusSeconds(2));

    assertThat(open).as("the sibling's own failure is not explained by the first").hasSize(2);
  }

  @Test
  void aCallersOwnFailureIsNotASymptomOfItsCallee() {
    correlator.onAnomaly(open, signal("u", "user-service", null, Signal.LATENCY), T0);
    correlator.onAnomaly(open, signal("h", "quote-service", null, Signal.HEAP), T0.plusSeconds(1));

    assertThat(open).hasSize(2);
  }

  private static Anomaly signal(String id, String service, String peer, Signal signal) {
    return new Anomaly(
        id,
        service,
        peer,
        signal,
        1.0,
        0.0,
        "ratio",
        new TimeWindow(T0.minusSeconds(10), T0),
        List.of());
  }

  private static Anomaly anomaly(String id, String service, String peer, double errorRate) {
    return errorRate(id, service, peer, errorRate, new TimeWindow(T0.minusSeconds(10), T0));
  }

  private static Anomaly errorRate(
      String id, String service, String peer, double rate, TimeWindow window) {
    return new Anomaly(id, service, peer, Signal.ERROR_RATE, rate, 0.0, "ratio", window, List.of());
  }
}

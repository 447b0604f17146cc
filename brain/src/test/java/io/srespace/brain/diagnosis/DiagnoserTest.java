package io.srespace.brain.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.brain.knowledge.DeployedConfig;
import io.srespace.brain.memory.PastIncidents;
import io.srespace.events.ConfigChange;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentOpened;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationPlan;
import io.srespace.events.Signal;
import io.srespace.events.Suspect;
import io.srespace.events.recall.SimilarIncident;
import io.srespace.knowledge.KnowledgeGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnoserTest {
  static final KnowledgeGraph GRAPH = KnowledgeGraph.load(Path.of("../infra/topology.yaml"));
  static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir Path gitops;

  @Test
  void aKilledServiceIsRestartedNotItsCaller() {
    Diagnoser.Result result = diagnose(Incidents.kill(AT), Optional.empty());
    DiagnosisMade made = result.diagnosis();
    assertThat(made.suspects().get(0).service()).isEqualTo("user-service");
    assertThat(made.faultClass()).isEqualTo(FaultClass.UNAVAILABLE);
    assertThat(made.plan().action()).isEqualTo(RemediationAction.RESTART);
    assertThat(PlanChooser.directive(made.plan())).isEqualTo("MITIGATION: RESTART user-service");
    assertThat(made.suspects().get(0).traceIds()).isNotEmpty();
  }

  @Test
  void aCallersEdgeNamingTheCalleeByAddressBlamesTheCallee() {
    // As Scout reports a live slow callee: the client span names the server by host:port.
    IncidentOpened opened =
        Incidents.opened(
            "quote-service slow",
            AT,
            Incidents.anomaly("quote-service", null, Signal.LATENCY, 892, 10, AT),
            Incidents.anomaly("quote-service", "127.0.0.1:8081", Signal.LATENCY, 892, 4, AT));
    DiagnosisMade made = diagnose(opened, Optional.empty()).diagnosis();
    assertThat(made.suspects().get(0).service()).isEqualTo("policy-service");
    assertThat(made.suspects()).extracting(Suspect::service).doesNotContain("127.0.0.1:8081");
    // Only its caller sees it slow; its own spans do not: the time is lost on the way.
    assertThat(made.plan().action()).isEqualTo(RemediationAction.ESCALATE);
    assertThat(made.plan().reason()).contains("the network").contains("team-policies");
  }

  @Test
  void aServiceSlowInItsOwnSpansIsRestartedOneOnlyItsCallersSeeSlowIsEscalated() {
    DiagnosisMade slow = diagnose(Incidents.latency(AT), Optional.empty()).diagnosis();
    assertThat(PlanChooser.directive(slow.plan())).isEqualTo("MITIGATION: RESTART policy-service");

    IncidentOpened lossy =
        Incidents.opened(
            "calls to policy-service slow",
            AT,
            Incidents.anomaly("quote-service", "policy-service", Signal.LATENCY, 1200, 14, AT),
            Incidents.anomaly("quote-service", null, Signal.LATENCY, 1250, 30, AT));
    DiagnosisMade network = diagnose(lossy, Optional.empty()).diagnosis();
    assertThat(network.suspects().get(0).service()).isEqualTo("policy-service");
    assertThat(network.faultClass()).isEqualTo(FaultClass.LATENCY);
    assertThat(network.plan().action()).isEqualTo(RemediationAction.ESCALATE);
    assertThat(network.plan().reason()).contains("a restart of policy-service would not remove");
  }

  @Test
  void slownessUnderFarMoreRequestsIsCapacityEscalatedWithTheLoadNeverARestart() {
    IncidentOpened surge =
        Incidents.opened(
            "policy-service slow under load",
            AT,
            Incidents.anomaly("policy-service", null, Signal.LATENCY, 850, 12, AT),
            Incidents.anomaly("quote-service", "policy-service", Signal.LATENCY, 860, 14, AT),
            Incidents.anomaly("policy-service", null, Signal.TRAFFIC, 160, 20, AT),
            Incidents.anomaly("quote-service", null, Signal.TRAFFIC, 81, 10, AT));
    DiagnosisMade made = diagnose(surge, Optional.empty()).diagnosis();

    assertThat(made.suspects().get(0).service()).isEqualTo("policy-service");
    assertThat(made.faultClass()).isEqualTo(FaultClass.CAPACITY);
    assertThat(made.plan().action()).isEqualTo(RemediationAction.ESCALATE);
    assertThat(made.plan().reason())
        .contains("policy-service 160 requests/s against 20 normally (×8.0)")
        .contains("about 9 instances of policy-service")
        .contains("team-policies");
  }

  @Test
  void aServiceFailingItsOwnRequestsUnderLoadIsStillAFaultOfItsOwn() {
    List<io.srespace.events.Anomaly> anomalies =
        new ArrayList<>(Incidents.errorRate(AT).anomalies());
    anomalies.add(Incidents.anomaly("user-service", null, Signal.TRAFFIC, 80, 20, AT));
    anomalies.add(Incidents.anomaly("quote-service", null, Signal.TRAFFIC, 80, 20, AT));
    IncidentOpened underLoad =
        Incidents.opened(
            "user-service errors under load",
            AT,
            anomalies.toArray(io.srespace.events.Anomaly[]::new));
    DiagnosisMade made = diagnose(underLoad, Optional.empty()).diagnosis();

    assertThat(made.suspects().get(0).service()).isEqualTo("user-service");
    assertThat(made.faultClass()).isEqualTo(FaultClass.ERRORS);
    assertThat(PlanChooser.directive(made.plan())).isEqualTo("MITIGATION: RESTART user-service");
  }

  @Test
  void anExhaustedPoolIsAPullRequestDoublingItsSize() throws IOException {
    Diagnoser.Result result = diagnose(Incidents.dbPool(AT), Optional.empty());
    DiagnosisMade made = result.diagnosis();
    assertThat(made.faultClass()).isEqualTo(FaultClass.RESOURCE_EXHAUSTION);
    assertThat(made.plan().change())
        .isEqualTo(new ConfigChange("policy-service.env", "DB_POOL_MAX_SIZE", "4", "8"));
    assertThat(PlanChooser.directive(made.plan()))
        .isEqualTo("MITIGATION: PR policy-service DB_POOL_MAX_SIZE 4→8");
  }

  @Test
  void aBrokenJourneyBlamesTheServiceDecidingItAndRevertsItsLimit() throws IOException {
    Files.writeString(gitops.resolve("policy-service.env"), "PRICING_ACCEPTANCE_LIMIT=0.00\n");
    DiagnosisMade made = diagnose(Incidents.conversionBreak(AT), Optional.empty()).diagnosis();
    assertThat(made.suspects().get(0).service()).isEqualTo("policy-service");
    assertThat(made.faultClass()).isEqualTo(FaultClass.WRONG_RESULT);
    assertThat(PlanChooser.directive(made.plan()))
        .isEqualTo("MITIGATION: PR policy-service PRICING_ACCEPTANCE_LIMIT 0.00→0.8");
  }

  @Test
  void aLimitAlreadyAtItsReviewedValueIsEscalatedNotProposedAgain() throws IOException {
    Files.writeString(gitops.resolve("policy-service.env"), "PRICING_ACCEPTANCE_LIMIT=0.8\n");
    DiagnosisMade made = diagnose(Incidents.conversionBreak(AT), Optional.empty()).diagnosis();
    assertThat(made.plan().action()).isEqualTo(RemediationAction.ESCALATE);
    assertThat(made.plan().reason()).contains("already 0.8").contains("team-policies");
  }

  @Test
  void aSlowServiceIsBlamedAboveItsSlowCallers() {
    DiagnosisMade made = diagnose(Incidents.latency(AT), Optional.empty()).diagnosis();
    assertThat(made.suspects()).extracting(s -> s.service()).startsWith("policy-service");
    assertThat(made.faultClass()).isEqualTo(FaultClass.LATENCY);
    assertThat(made.suspects().get(1).score()).isLessThan(made.suspects().get(0).score());
  }

  @Test
  void aCallerHeldBackByItsCpuQuotaIsBlamedForItsSlowCallsAndEscalated() {
    // quote-service starved: its own spans and its calls are slow; its callees' own spans are not.
    IncidentOpened starved =
        Incidents.opened(
            "quote-service slow",
            AT,
            Incidents.anomaly("quote-service", null, Signal.LATENCY, 1500, 30, AT),
            Incidents.anomaly("quote-service", "policy-service", Signal.LATENCY, 900, 14, AT),
            Incidents.anomaly("quote-service", "user-service", Signal.LATENCY, 700, 9, AT),
            Incidents.anomaly("quote-service", null, Signal.CPU_THROTTLED, 0.93, 0.0, AT));
    DiagnosisMade made = diagnose(starved, Optional.empty()).diagnosis();
    assertThat(made.suspects().get(0).service()).isEqualTo("quote-service");
    assertThat(made.faultClass()).isEqualTo(FaultClass.CPU);
    assertThat(made.plan().action()).isEqualTo(RemediationAction.ESCALATE);
    assertThat(made.plan().reason()).contains("CPU quota").contains("team-quotes");
  }

  @Test
  void aFullDataDiskIsStorageAndEscalatedThoughPurchasesFailAndConversionFalls() {
    // policy-service cannot write a policy's document: purchases fail with 500, quotes go on.
    IncidentOpened full =
        Incidents.opened(
            "policy-service errors",
            AT,
            Incidents.anomaly("policy-service", null, Signal.ERROR_RATE, 0.21, 0.0, AT),
            Incidents.anomaly("quote-service", "policy-service", Signal.ERROR_RATE, 0.21, 0.0, AT),
            Incidents.anomaly("quote-service", null, Signal.CONVERSION, 0.0, 0.28, AT),
            Incidents.anomaly("policy-service", null, Signal.DISK_FULL, 1.0, 0.02, AT));
    DiagnosisMade made = diagnose(full, Optional.empty()).diagnosis();
    assertThat(made.suspects().get(0).service()).isEqualTo("policy-service");
    assertThat(made.faultClass()).isEqualTo(FaultClass.STORAGE);
    assertThat(made.plan().action()).isEqualTo(RemediationAction.ESCALATE);
    assertThat(made.plan().reason()).contains("data filesystem is full").contains("team-policies");
  }

  @Test
  void aGrowingHeapIsRestarted() {
    DiagnosisMade made = diagnose(Incidents.memoryLeak(AT), Optional.empty()).diagnosis();
    assertThat(made.faultClass()).isEqualTo(FaultClass.MEMORY);
    assertThat(PlanChooser.directive(made.plan())).isEqualTo("MITIGATION: RESTART quote-service");
  }

  @Test
  void confidenceFollowsTheEvidenceAndWeakEvidenceIsEscalated() {
    double clear = diagnose(Incidents.kill(AT), Optional.empty()).diagnosis().confidence();
    IncidentOpened twoEqual =
        Incidents.opened(
            "two services erring alike",
            AT,
            Incidents.anomaly("user-service", null, Signal.ERROR_RATE, 0.3, 0.0, AT),
            Incidents.anomaly("policy-service", null, Signal.ERROR_RATE, 0.3, 0.0, AT));
    DiagnosisMade ambiguous = diagnose(twoEqual, Optional.empty()).diagnosis();
    assertThat(ambiguous.confidence()).isLessThan(clear);
    assertThat(ambiguous.plan().action()).isEqualTo(RemediationAction.ESCALATE);
    assertThat(ambiguous.plan().reason()).contains("too weak");
  }

  @Test
  void aCloseVerifiedMemoryIsReusedAndCited() {
    SimilarIncident past =
        new SimilarIncident(
            "INC-20261120-0003",
            0.04,
            "pool exhausted",
            "policy-service",
            FaultClass.RESOURCE_EXHAUSTION,
            RemediationAction.PULL_REQUEST,
            "verified",
            "#3",
            new ConfigChange("policy-service.env", "DB_POOL_MAX_SIZE", "4", "8"),
            "resource-exhaustion on policy-service",
            null);
    Diagnoser.Result result = diagnose(Incidents.dbPool(AT), Optional.of(remembering(past)));
    assertThat(result.reusedFrom()).contains(past);
    assertThat(result.diagnosis().plan().change().to()).isEqualTo("8");
    assertThat(result.diagnosis().plan().reason()).contains("INC-20261120-0003").contains("#3");
    assertThat(result.diagnosis().similarIncidents()).containsExactly("INC-20261120-0003");
    assertThat(result.notes()).anyMatch(n -> n.contains("traces not read"));
  }

  @Test
  void aRememberedFixChangesTheFileTheKnowledgeGraphNamesNotTheOneMemoryCarries() {
    SimilarIncident past =
        new SimilarIncident(
            "INC-20261120-0004",
            0.04,
            "pool exhausted",
            "policy-service",
            FaultClass.RESOURCE_EXHAUSTION,
            RemediationAction.PULL_REQUEST,
            "verified",
            "#4",
            new ConfigChange("../../secrets/agents.env", "DB_POOL_MAX_SIZE", "4", "8"),
            "resource-exhaustion on policy-service",
            null);
    Diagnoser.Result result = diagnose(Incidents.dbPool(AT), Optional.of(remembering(past)));

    assertThat(result.diagnosis().plan().change().file()).isEqualTo("policy-service.env");
    // For a service the graph does not type that key for, a remembered change is escalated.
    RemediationPlan elsewhere =
        new PlanChooser(GRAPH, new DeployedConfig(Path.of("../infra/gitops")), 0.3)
            .repeat("user-service", past.change(), "remembered");
    assertThat(elsewhere.action()).isEqualTo(RemediationAction.ESCALATE);
    assertThat(elsewhere.change()).isNull();
  }

  @Test
  void aRememberedRestartIsNotRepeatedWhenOnlyTheCallersSeeTheServiceSlow() {
    SimilarIncident restarted =
        new SimilarIncident(
            "INC-20261204-0002",
            0.02,
            "policy-service slow",
            "policy-service",
            FaultClass.LATENCY,
            RemediationAction.RESTART,
            "verified",
            "#15",
            null,
            "latency on policy-service",
            null);
    IncidentOpened lossy =
        Incidents.opened(
            "calls to policy-service slow",
            AT,
            Incidents.anomaly("quote-service", "policy-service", Signal.LATENCY, 900, 4, AT));
    Diagnoser.Result result = diagnose(lossy, Optional.of(remembering(restarted)));

    assertThat(result.reusedFrom()).isEmpty();
    assertThat(result.diagnosis().plan().action()).isEqualTo(RemediationAction.ESCALATE);
  }

  @Test
  void aRememberedRevertIsNotRepeatedAsIfItWereARulesFix() {
    SimilarIncident reverted =
        new SimilarIncident(
            "INC-20261204-0001",
            0.02,
            "user-service errors",
            "user-service",
            FaultClass.ERRORS,
            RemediationAction.PULL_REQUEST,
            "verified",
            "#9",
            new ConfigChange("user-service.env", "RELEASE", "1.6.0", "1.4.0"),
            "errors on user-service",
            null);
    Diagnoser.Result result = diagnose(Incidents.errorRate(AT), Optional.of(remembering(reverted)));

    assertThat(result.reusedFrom()).isEmpty();
    assertThat(result.diagnosis().plan().action()).isEqualTo(RemediationAction.RESTART);
  }

  @Test
  void aMemoryOfAnotherServiceOrAnUnverifiedFixIsNotReused() {
    SimilarIncident otherService =
        new SimilarIncident(
            "INC-1",
            0.02,
            "t",
            "user-service",
            FaultClass.UNAVAILABLE,
            RemediationAction.RESTART,
            "verified",
            "#1",
            null,
            "r",
            null);
    SimilarIncident unverified =
        new SimilarIncident(
            "INC-2",
            0.02,
            "t",
            "policy-service",
            FaultClass.RESOURCE_EXHAUSTION,
            RemediationAction.RESTART,
            "failed",
            "#2",
            null,
            "r",
            null);
    SimilarIncident far =
        new SimilarIncident(
            "INC-3",
            0.5,
            "t",
            "policy-service",
            FaultClass.RESOURCE_EXHAUSTION,
            RemediationAction.RESTART,
            "verified",
            "#3",
            null,
            "r",
            null);
    Diagnoser.Result result =
        diagnose(Incidents.dbPool(AT), Optional.of(remembering(otherService, unverified, far)));
    assertThat(result.reusedFrom()).isEmpty();
    assertThat(result.diagnosis().plan().action()).isEqualTo(RemediationAction.PULL_REQUEST);
    assertThat(result.diagnosis().similarIncidents()).containsExactly("INC-1", "INC-2", "INC-3");
  }

  @Test
  void anUnreachableMemoryIsNotedAndTheDiagnosisGoesOn() {
    PastIncidents down =
        new PastIncidents() {
          @Override
          public List<SimilarIncident> similar(String text, int k) {
            throw new io.srespace.brain.memory.MemoryUnavailableException(
                "memory at x: refused", null);
          }

          @Override
          public String describe() {
            return "memory at x";
          }
        };
    Diagnoser.Result result = diagnose(Incidents.kill(AT), Optional.of(down));
    assertThat(result.notes()).anyMatch(n -> n.contains("not recalled") && n.contains("refused"));
    assertThat(result.diagnosis().plan().action()).isEqualTo(RemediationAction.RESTART);
  }

  private Diagnoser.Result diagnose(IncidentOpened opened, Optional<PastIncidents> memory) {
    try {
      if (!Files.exists(gitops.resolve("policy-service.env"))) {
        Files.copy(
            Path.of("../infra/gitops/policy-service.env"), gitops.resolve("policy-service.env"));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Diagnoser diagnoser =
        new Diagnoser(
            GRAPH,
            new PlanChooser(GRAPH, new DeployedConfig(gitops), 0.3),
            Optional.empty(),
            memory,
            Optional.empty(),
            new Diagnoser.Settings(Duration.ofSeconds(30), 0.15, 5),
            Clock.fixed(AT.plusSeconds(10), ZoneOffset.UTC));
    return diagnoser.diagnose(new IncidentFacts("INC-TEST", opened, AT.plusSeconds(2)));
  }

  static PastIncidents remembering(SimilarIncident... incidents) {
    List<SimilarIncident> all = new ArrayList<>(List.of(incidents));
    return new PastIncidents() {
      @Override
      public List<SimilarIncident> similar(String text, int k) {
        return all.stream().limit(k).toList();
      }

      @Override
      public String describe() {
        return "remembered in the test";
      }
    };
  }
}

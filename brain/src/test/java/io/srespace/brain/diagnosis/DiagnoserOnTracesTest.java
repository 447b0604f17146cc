package io.srespace.brain.diagnosis;

import static io.srespace.brain.traces.ZipkinJson.id;
import static io.srespace.brain.traces.ZipkinJson.micros;
import static io.srespace.brain.traces.ZipkinJson.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.brain.knowledge.DeployedConfig;
import io.srespace.brain.traces.TraceStores;
import io.srespace.brain.traces.ZipkinServer;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentOpened;
import io.srespace.events.RemediationAction;
import io.srespace.events.Signal;
import io.srespace.knowledge.KnowledgeGraph;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The diagnoser reading a real Zipkin: the traces decide where Scout's evidence is split. */
class DiagnoserOnTracesTest {
  static final KnowledgeGraph GRAPH = KnowledgeGraph.load(Path.of("../infra/topology.yaml"));
  static ZipkinServer zipkin;

  @BeforeAll
  static void startZipkin() {
    zipkin = ZipkinServer.start();
  }

  @AfterAll
  static void stopZipkin() {
    zipkin.close();
  }

  @Test
  void slowPolicySpansTipAnEvenSplitOfScoutsEvidenceTowardsPolicyService() throws Exception {
    Instant now = Instant.now();
    Instant alert = now.minusSeconds(20);
    List<Map<String, Object>> spans = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      spans.addAll(trace(now.minusSeconds(300).plusSeconds(i * 3L), 9));
    }
    for (int i = 0; i < 40; i++) {
      spans.addAll(trace(alert.minusSeconds(10).plusMillis(i * 700L), 700));
    }
    zipkin.post(spans);
    TimeUnit.SECONDS.sleep(1);

    // Scout saw errors at both callees alike (user-service first): alone, it cannot choose.
    IncidentOpened opened =
        Incidents.opened(
            "quote-service failing",
            alert,
            Incidents.anomaly("quote-service", "user-service", Signal.ERROR_RATE, 0.2, 0, alert),
            Incidents.anomaly("quote-service", "policy-service", Signal.ERROR_RATE, 0.2, 0, alert));
    Diagnoser diagnoser = diagnoserReading(zipkin.baseUri(), Duration.ofSeconds(5));

    Diagnoser.Result result = diagnoser.diagnose(new IncidentFacts("INC-Z", opened, now));

    DiagnosisMade made = result.diagnosis();
    assertThat(result.notes()).anyMatch(n -> n.startsWith("traces from zipkin"));
    assertThat(made.suspects().get(0).service()).isEqualTo("policy-service");
    assertThat(made.suspects().get(0).evidence()).anyMatch(e -> e.startsWith("traces: "));
    assertThat(made.suspects().get(1).score()).isLessThan(made.suspects().get(0).score());
    assertThat(made.faultClass()).isEqualTo(FaultClass.ERRORS);
  }

  /** quote-service calling user-service (fast) and policy-service (taking {@code policyMs}). */
  private static List<Map<String, Object>> trace(Instant start, long policyMs) {
    String traceId = id(16);
    String root = id(8);
    long t = micros(start);
    long policyUs = policyMs * 1000;
    List<Map<String, Object>> spans = new ArrayList<>();
    spans.add(
        span(
            traceId,
            root,
            null,
            "quote-service",
            "post /quotes",
            "SERVER",
            t,
            3_000 + policyUs + 4_000));
    String userCall = id(8);
    spans.add(span(traceId, userCall, root, "quote-service", "get", "CLIENT", t + 500, 2_500));
    spans.add(
        span(
            traceId, id(8), userCall, "user-service", "get /users/{id}", "SERVER", t + 700, 2_000));
    String policyCall = id(8);
    spans.add(
        span(
            traceId,
            policyCall,
            root,
            "quote-service",
            "post",
            "CLIENT",
            t + 3_200,
            policyUs + 400));
    spans.add(
        span(
            traceId,
            id(8),
            policyCall,
            "policy-service",
            "post /prices",
            "SERVER",
            t + 3_400,
            policyUs));
    return spans;
  }

  @Test
  void aStoppedTraceStoreIsNotedAndScoutsEvidenceStillDecides() throws Exception {
    int stopped;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      stopped = socket.getLocalPort();
    }
    Instant now = Instant.now();
    Diagnoser diagnoser =
        diagnoserReading(URI.create("http://127.0.0.1:" + stopped), Duration.ofSeconds(1));

    Diagnoser.Result result =
        diagnoser.diagnose(new IncidentFacts("INC-NO-TRACES", Incidents.kill(now), now));

    assertThat(result.diagnosis().plan().service()).isEqualTo("user-service");
    assertThat(result.diagnosis().plan().action()).isEqualTo(RemediationAction.RESTART);
    assertThat(result.notes()).anySatisfy(note -> assertThat(note).startsWith("traces not read:"));
  }

  /** The diagnoser with the demo's graph, reading traces from the Zipkin at {@code zipkinUrl}. */
  private static Diagnoser diagnoserReading(URI zipkinUrl, Duration timeout) {
    return new Diagnoser(
        GRAPH,
        new PlanChooser(GRAPH, new DeployedConfig(Path.of("../infra/gitops")), 0.3),
        Optional.of(
            new TraceAnalysis(
                new TraceEvidence(TraceStores.of("zipkin", zipkinUrl, timeout), 200),
                Duration.ofMinutes(5),
                Duration.ofSeconds(60))),
        Optional.empty(),
        Optional.empty(),
        new Diagnoser.Settings(Duration.ofSeconds(30), 0.15, 5),
        Clock.systemUTC());
  }
}

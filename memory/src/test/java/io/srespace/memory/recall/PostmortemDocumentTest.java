package io.srespace.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.srespace.events.ConfigChange;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentTimeline;
import io.srespace.events.PostmortemText;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import io.srespace.events.recall.SimilarIncident;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostmortemDocumentTest {
  @Test
  void embedsTitleSymptomsRootCauseServiceFaultAndActionButNotTheMarkdown() {
    PostmortemDocument document =
        PostmortemDocument.of(
            "INC-1", Postmortems.heapExhaustion("policy-service ran out of heap"));

    assertThat(document.text())
        .isEqualTo(
            """
            policy-service ran out of heap
            Symptoms: heap on policy-service: 0.93 of max (normal 0.41), growing 0.5 MB/s; \
            garbage collection pauses
            Root cause: heap exhaustion in policy-service: a cache that never evicts
            Service: policy-service
            Fault: memory
            Action: restart""");
    assertThat(document.text()).doesNotContain("Timeline");
  }

  @Test
  void keepsTheFactsBrainRecallsAsMetadata() {
    PostmortemDocument document =
        PostmortemDocument.of(
            "INC-1", Postmortems.heapExhaustion("policy-service ran out of heap"));

    assertThat(document.metadata())
        .containsOnly(
            entry("incidentId", "INC-1"),
            entry("title", "policy-service ran out of heap"),
            entry("service", "policy-service"),
            entry("faultClass", "memory"),
            entry("action", "restart"),
            entry("outcome", "verified"),
            entry("rootCause", "heap exhaustion in policy-service: a cache that never evicts"),
            entry("issue", "#7"),
            entry("detectedAt", "2026-11-23T12:00:00Z"),
            entry("resolvedAt", "2026-11-23T12:01:01Z"));
  }

  @Test
  void carriesThePullRequestsConfigurationChange() {
    PostmortemDocument document = PostmortemDocument.of("INC-2", Postmortems.purchasesRejected());

    assertThat(document.metadata())
        .contains(
            entry("action", "pull-request"),
            entry("faultClass", "wrong-result"),
            entry("changeFile", "policy-service/application.yaml"),
            entry("changeKey", "policy.min-age"),
            entry("changeFrom", "120"),
            entry("changeTo", "18"));
    assertThat(document.text()).contains("Action: pull-request").contains("Fault: wrong-result");
  }

  @Test
  void leavesOutWhatThePostmortemDoesNotSay() {
    PostmortemWritten sparse =
        new PostmortemWritten(
            "something broke",
            "# something broke\n",
            null,
            null,
            null,
            null,
            " ",
            new IncidentTimeline(Instant.parse("2026-11-23T12:00:00Z"), null, null, null),
            null,
            null,
            null);

    PostmortemDocument document = PostmortemDocument.of("INC-3", sparse);

    assertThat(document.text()).isEqualTo("something broke");
    assertThat(document.metadata())
        .containsOnly(
            entry("incidentId", "INC-3"),
            entry("title", "something broke"),
            entry("detectedAt", "2026-11-23T12:00:00Z"));
  }

  @Test
  void clipsLongFreeTextSoTheDocumentStaysCompact() {
    String longSymptoms = "error-rate on quote-service ".repeat(100);
    PostmortemWritten postmortem =
        new PostmortemWritten(
            "errors",
            "# errors\n",
            "quote-service",
            null,
            null,
            null,
            null,
            Postmortems.timeline(),
            longSymptoms,
            null,
            null);

    String text = PostmortemDocument.of("INC-4", postmortem).text();

    assertThat(text.lines().filter(line -> line.startsWith("Symptoms: ")).findFirst().orElseThrow())
        .hasSize("Symptoms: ".length() + PostmortemText.MAX_FIELD_CHARS);
  }

  @Test
  void aRecalledIncidentReadsBackWhatWasStored() {
    PostmortemDocument stored = PostmortemDocument.of("INC-2", Postmortems.purchasesRejected());

    SimilarIncident recalled =
        PostmortemDocument.recalled("INC-2", 0.25, stored.segment().metadata().toMap());

    assertThat(recalled)
        .isEqualTo(
            new SimilarIncident(
                "INC-2",
                0.25,
                "purchases stopped: policy-service rejected every policy",
                "policy-service",
                FaultClass.WRONG_RESULT,
                RemediationAction.PULL_REQUEST,
                "verified",
                "#12",
                new ConfigChange("policy-service/application.yaml", "policy.min-age", "120", "18"),
                "policy-service's minimum age rule set to 120 rejects every customer",
                Instant.parse("2026-11-23T12:01:01Z")));
  }

  @Test
  void aRecalledIncidentWithoutAChangeHasNone() {
    PostmortemDocument stored =
        PostmortemDocument.of(
            "INC-1", Postmortems.heapExhaustion("policy-service ran out of heap"));

    assertThat(PostmortemDocument.recalled("INC-1", 0.1, stored.metadata()).change()).isNull();
  }
}

package io.srespace.events.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.srespace.events.ConfigChange;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.events.serde.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Memory's recall answer as a contract: the golden file is what Memory writes and Brain reads. */
public class SimilarIncidentTest {

  /** The golden answer, for the tests of Memory and of its callers. */
  public static String golden() throws IOException {
    try (InputStream in = SimilarIncidentTest.class.getResourceAsStream("/recall/similar.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theGoldenAnswerReadsAsTheIncidentsItDescribes() throws IOException {
    List<SimilarIncident> answer = SimilarIncident.listFrom(golden());

    assertThat(answer).hasSize(2);
    SimilarIncident pool = answer.get(0);
    assertThat(pool.faultClass()).isEqualTo(FaultClass.RESOURCE_EXHAUSTION);
    assertThat(pool.action()).isEqualTo(RemediationAction.PULL_REQUEST);
    assertThat(pool.change())
        .isEqualTo(new ConfigChange("policy-service.env", "DB_POOL_MAX_SIZE", "4", "8"));
    assertThat(pool.resolvedAt()).isEqualTo(Instant.parse("2026-11-20T10:17:03Z"));
    assertThat(pool.verified()).isTrue();
    assertThat(answer.get(1).change()).isNull();
    assertThat(answer.get(1).verified()).isFalse();
  }

  @Test
  void whatMemoryWritesIsTheGoldenAnswer() throws IOException {
    String written = SimilarIncident.json(SimilarIncident.listFrom(golden()));

    JsonNode expected = EventJson.mapper().readTree(golden());
    assertThat(EventJson.mapper().readTree(written)).isEqualTo(expected);
  }

  @Test
  void anAnswerThatIsNotAListIsRefused() {
    assertThatThrownBy(() -> SimilarIncident.listFrom("{\"incidentId\":\"x\"}"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> SimilarIncident.listFrom("null")).isInstanceOf(IOException.class);
  }
}

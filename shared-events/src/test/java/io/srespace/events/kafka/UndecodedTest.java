package io.srespace.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class UndecodedTest {

  @Test
  void anEventIsHandledATombstoneSkippedAndAnUndecodableRecordRefusedAndCounted() {
    long before = Undecoded.undecodableSoFar();
    RecordHeaders failed = new RecordHeaders();
    failed.add(Undecoded.FAILURE_REASON, "not valid JSON".getBytes(StandardCharsets.UTF_8));

    assertThat(Undecoded.isEvent("an event", failed)).isTrue();
    assertThat(Undecoded.isEvent(null, new RecordHeaders())).as("a tombstone").isFalse();
    assertThatThrownBy(() -> Undecoded.isEvent(null, failed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an undecodable record: not valid JSON");

    assertThat(Undecoded.undecodableSoFar()).isEqualTo(before + 1);
  }
}

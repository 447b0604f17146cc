package io.srespace.scout.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Detectors of keys no longer seen are forgotten; the ones still fed stay. */
class DetectorsTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  private static KeyValueStore<String, byte[]> store() {
    KeyValueStore<String, byte[]> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("detectors"), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  @Test
  void aKeyFedAgainAfterALongSilenceIsLearnedAnewButAfterARestartsFewSecondsItIsJudged() {
    KeyValueStore<String, byte[]> store = store();
    Detectors before = new Detectors(store, Clock.fixed(T0, ZoneOffset.UTC));
    for (int i = 0; i < 30; i++) {
      before.observe("service|user|latency", DetectorSettings.latency(), 2, i);
    }
    // A restart's few seconds of silence are no start: a slow window is judged (and fires).
    Detectors restarted = new Detectors(store, Clock.fixed(T0.plusSeconds(8), ZoneOffset.UTC));
    assertThat(
            restarted.observe("service|user|latency", DetectorSettings.latency(), 800, 31).report())
        .isTrue();

    // The stack was down for a minute: the cold processes' slow windows are a start, learned.
    Instant back = T0.plus(Duration.ofMinutes(2));
    for (int i = 0; i < 12; i++) {
      Detectors after = new Detectors(store, Clock.fixed(back.plusSeconds(5L * i), ZoneOffset.UTC));
      double value = i < 3 ? 1_500 : 2;
      Detectors.Observation seen =
          after.observe("service|user|latency", DetectorSettings.latency(), value, 40 + i);
      assertThat(seen.report()).as("window %d after the start", i).isFalse();
    }
    // Warmed up on what is normal now (the median): a slow window is far past it.
    Detectors warm = new Detectors(store, Clock.fixed(back.plusSeconds(60), ZoneOffset.UTC));
    Detectors.Observation slow =
        warm.observe("service|user|latency", DetectorSettings.latency(), 800, 52);
    assertThat(slow.report()).isTrue();
    assertThat(slow.baseline()).isEqualTo(2);
  }

  @Test
  void aDetectorNotFedForAnHourIsForgottenWithItsEpisodeAndOneStillFedStays() {
    KeyValueStore<String, byte[]> store = store();

    Detectors early = new Detectors(store, Clock.fixed(T0, ZoneOffset.UTC));
    for (int i = 0; i < 30; i++) {
      early.observe("service|gone|latency", DetectorSettings.latency(), 5, i);
      early.observe("service|busy|latency", DetectorSettings.latency(), 5, i);
    }
    early.save("trend|gone", new byte[] {1});
    Detectors later =
        new Detectors(store, Clock.fixed(T0.plus(Duration.ofMinutes(90)), ZoneOffset.UTC));
    later.observe("service|busy|latency", DetectorSettings.latency(), 5, 31);

    int forgotten = later.forgetQuietSince(T0.plus(Duration.ofMinutes(30)));

    assertThat(forgotten).isEqualTo(2);
    assertThat(store.get("service|gone|latency")).isNull();
    assertThat(store.get("service|gone|latency|seen")).isNull();
    assertThat(later.load("trend|gone")).isNull();
    assertThat(store.get("service|busy|latency")).isNotNull();
    assertThat(later.forgetQuietSince(T0.plus(Duration.ofMinutes(30)))).isZero();
  }
}

package io.srespace.scout.detection;

import io.srespace.events.AnomalyDetected;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Runs a {@link Judge} over closed windows with its detectors in a state store. */
public final class DetectionProcessor<V>
    implements FixedKeyProcessor<String, V, List<Event<AnomalyEvent>>> {

  /** Decides, with the detectors, which anomalies a closed window shows. */
  @FunctionalInterface
  public interface Judge<V> {
    List<Event<AnomalyEvent>> judge(String key, V window, Detectors detectors);
  }

  /** A detector not fed for this long is forgotten (its key is no longer seen). */
  static final Duration FORGET_AFTER = Duration.ofHours(1);

  private static final Duration FORGET_EVERY = Duration.ofMinutes(1);

  private final String store;
  private final Judge<V> judge;
  private FixedKeyProcessorContext<String, List<Event<AnomalyEvent>>> context;
  private Detectors detectors;

  public DetectionProcessor(String store, Judge<V> judge) {
    this.store = store;
    this.judge = judge;
  }

  /**
   * Judges {@code windows} with detectors kept in the state store {@code store}, and publishes what
   * it finds to {@code scout.anomalies}, keyed by the anomaly's service.
   */
  public static <V> void publish(
      StreamsBuilder builder, KStream<String, V> windows, String store, Judge<V> judge) {
    builder.addStateStore(store(store));
    Topic<String, Event<AnomalyEvent>> anomalies = Topics.SCOUT_ANOMALIES;
    windows
        .processValues(() -> new DetectionProcessor<>(store, judge), store)
        .flatMapValues(events -> events)
        .selectKey((key, event) -> ((AnomalyDetected) event.data()).anomaly().service())
        .to(anomalies.name(), Produced.with(anomalies.keySerde(), anomalies.valueSerde()));
  }

  /** The state store a detection processor named {@code name} keeps its detectors in. */
  private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
  }

  @Override
  public void init(FixedKeyProcessorContext<String, List<Event<AnomalyEvent>>> context) {
    this.context = context;
    KeyValueStore<String, byte[]> detectorStore = context.getStateStore(store);
    this.detectors = new Detectors(detectorStore);
    context.schedule(
        FORGET_EVERY,
        PunctuationType.WALL_CLOCK_TIME,
        now -> detectors.forgetQuietSince(Instant.ofEpochMilli(now).minus(FORGET_AFTER)));
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    List<Event<AnomalyEvent>> found = judge.judge(record.key(), record.value(), detectors);
    if (!found.isEmpty()) {
      context.forward(record.withValue(found));
    }
  }
}

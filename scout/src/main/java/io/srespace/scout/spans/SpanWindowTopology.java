package io.srespace.scout.spans;

import com.google.protobuf.InvalidProtocolBufferException;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Spans to closed windows: each OTLP record is summarised on its own first (per service and per
 * edge), only those partial summaries are re-keyed and merged into tumbling windows in a state
 * store, and each window is emitted once when it closes. Records that are not OTLP go, as they
 * came, to the dead-letter topic.
 */
public final class SpanWindowTopology {
  static final String STORE = "span-windows";
  private static final Serde<SpanStats> STATS =
      Serdes.serdeFrom(
          (topic, stats) -> stats == null ? null : stats.toBytes(),
          (topic, bytes) -> bytes == null ? null : SpanStats.fromBytes(bytes));

  private SpanWindowTopology() {}

  /** The closed windows of every service and edge seen on {@code otlp_spans}. */
  public static KStream<String, SpanWindow> windows(
      StreamsBuilder builder, Duration size, Duration grace) {
    return windows(builder, size, grace, count -> {});
  }

  /** The same, telling {@code spansSeen} how many spans each readable record held. */
  public static KStream<String, SpanWindow> windows(
      StreamsBuilder builder, Duration size, Duration grace, LongConsumer spansSeen) {
    Topic<byte[], byte[]> spans = Topics.OTLP_SPANS;
    Map<String, KStream<byte[], Decoded>> decoded =
        builder.stream(spans.name(), Consumed.with(spans.keySerde(), spans.valueSerde()))
            .mapValues(Decoded::of)
            .split(Named.as("otlp-"))
            .branch((key, record) -> record.summaries() == null, Branched.as("malformed"))
            .defaultBranch(Branched.as("ok"));
    Topic<byte[], byte[]> deadLetters = spans.deadLetters();
    decoded
        .get("otlp-malformed")
        .mapValues(Decoded::raw)
        .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde()));
    return decoded
        .get("otlp-ok")
        .peek((key, record) -> spansSeen.accept(record.spans()))
        .flatMap(
            (key, record) ->
                record.summaries().entrySet().stream()
                    .map(entry -> KeyValue.pair(entry.getKey().encode(), entry.getValue()))
                    .toList())
        .groupByKey(Grouped.with("span-summaries", Serdes.String(), STATS))
        .windowedBy(TimeWindows.ofSizeAndGrace(size, grace))
        .aggregate(
            SpanStats::new,
            (key, partial, window) -> window.merge(partial),
            Materialized.<String, SpanStats, WindowStore<Bytes, byte[]>>as(STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(STATS))
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
        .toStream()
        .map(
            (window, stats) ->
                KeyValue.pair(
                    window.key(),
                    SpanWindow.of(
                        SpanKey.decode(window.key()),
                        window.window().startTime(),
                        window.window().endTime(),
                        stats)));
  }

  /** One record's summaries, or (when it is not OTLP) its bytes for the dead-letter topic. */
  record Decoded(Map<SpanKey, SpanStats> summaries, byte[] raw) {
    long spans() {
      return summaries.values().stream().mapToLong(SpanStats::requests).sum();
    }

    static Decoded of(byte[] value) {
      try {
        return new Decoded(SpanDecoder.summarize(value), null);
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        return new Decoded(null, value);
      }
    }
  }
}

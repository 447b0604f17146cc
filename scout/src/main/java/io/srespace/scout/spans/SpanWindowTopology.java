package io.srespace.scout.spans;

import io.srespace.events.topics.Topics;
import io.srespace.scout.otlp.OtlpSource;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
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
    return windows(builder, size, grace, count -> {}, key -> true);
  }

  /** The same, for the keys {@code admitted} lets through (see {@link KeyBudget}). */
  public static KStream<String, SpanWindow> windows(
      StreamsBuilder builder, Duration size, Duration grace, Predicate<SpanKey> admitted) {
    return windows(builder, size, grace, count -> {}, admitted);
  }

  /** The same, telling {@code spansSeen} how many spans each readable record held. */
  public static KStream<String, SpanWindow> windows(
      StreamsBuilder builder, Duration size, Duration grace, LongConsumer spansSeen) {
    return windows(builder, size, grace, spansSeen, key -> true);
  }

  private static KStream<String, SpanWindow> windows(
      StreamsBuilder builder,
      Duration size,
      Duration grace,
      LongConsumer spansSeen,
      Predicate<SpanKey> admitted) {
    return OtlpSource.decoded(builder, Topics.OTLP_SPANS, SpanDecoder::summarize)
        .peek((key, summaries) -> spansSeen.accept(spans(summaries)))
        .flatMap(
            (key, summaries) ->
                summaries.entrySet().stream()
                    .filter(entry -> admitted.test(entry.getKey()))
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

  private static long spans(Map<SpanKey, SpanStats> summaries) {
    return summaries.values().stream().mapToLong(SpanStats::requests).sum();
  }
}

package io.srespace.scout.otlp;

import io.srespace.events.topics.Topic;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Reads an OTLP topic and decodes each record once; a record that does not decode goes, as it came,
 * to the topic's dead-letter twin and never stops the stream.
 */
public final class OtlpSource {
  private OtlpSource() {}

  /** What a record's bytes become; throws when they are not what the topic should carry. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode(byte[] bytes) throws Exception;
  }

  public static <T> KStream<byte[], T> decoded(
      StreamsBuilder builder, Topic<byte[], byte[]> topic, Decoder<T> decoder) {
    Map<String, KStream<byte[], Decoded<T>>> branches =
        builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()))
            .mapValues(bytes -> Decoded.of(bytes, decoder))
            .split(Named.as(topic.name() + "-"))
            .branch((key, record) -> record.value() == null, Branched.as("malformed"))
            .defaultBranch(Branched.as("ok"));
    Topic<byte[], byte[]> deadLetters = topic.deadLetters();
    branches
        .get(topic.name() + "-malformed")
        .mapValues(Decoded::raw)
        .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde()));
    return branches.get(topic.name() + "-ok").mapValues(Decoded::value);
  }

  private record Decoded<T>(T value, byte[] raw) {
    static <T> Decoded<T> of(byte[] bytes, Decoder<T> decoder) {
      try {
        return new Decoded<>(decoder.decode(bytes), null);
      } catch (Exception e) {
        return new Decoded<>(null, bytes);
      }
    }
  }
}

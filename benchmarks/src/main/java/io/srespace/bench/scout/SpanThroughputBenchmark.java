package io.srespace.bench.scout;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.BrokerSettings;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.scout.spans.SpanDecoder;
import io.srespace.scout.spans.SpanKey;
import io.srespace.scout.spans.SpanStats;
import io.srespace.scout.spans.SpanWindowTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How many spans a second Scout's span topology takes in, next to a plain consumer that parses the
 * same records and aggregates them in memory, on a real broker on this machine. Prints one RESULT
 * line. Arguments: [records] (default 40000, ~50 spans each).
 */
public final class SpanThroughputBenchmark {
  private static final int SPANS_PER_RECORD = 51;

  private SpanThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
    try (KafkaBroker broker = KafkaBroker.start(BrokerSettings.ephemeral())) {
      broker.createTopics(Topics.allWithDeadLetters());
      List<byte[]> batches = batches(200);
      long spans = produce(broker, batches, records);
      System.out.printf(
          "produced %d records, %d spans (%.0f bytes/record)%n",
          records, spans, batches.stream().mapToInt(b -> b.length).average().orElse(0));
      double plain = plainConsumer(broker, spans);
      System.out.printf("plain consumer (parse + in-memory windows): %.0f spans/s%n", plain);
      double scout = scoutTopology(broker, spans);
      System.out.printf("scout span topology: %.0f spans/s%n", scout);
      System.out.printf(
          "RESULT spans=%d scout_spans_per_s=%.0f plain_spans_per_s=%.0f ratio=%.2f%n",
          spans, scout, plain, scout / plain);
    }
  }

  private static long produce(KafkaBroker broker, List<byte[]> batches, int records)
      throws Exception {
    Map<String, Object> config = new HashMap<>(broker.clientConfig());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    try (var producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records; i++) {
        producer.send(
            new ProducerRecord<>(Topics.OTLP_SPANS.name(), batches.get(i % batches.size())));
      }
      producer.flush();
    }
    return (long) records * SPANS_PER_RECORD;
  }

  private static double plainConsumer(KafkaBroker broker, long spans) throws Exception {
    Map<String, Object> config = new HashMap<>(broker.clientConfig());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "plain-benchmark");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    Map<SpanKey, SpanStats> windows = new HashMap<>();
    long seen = 0;
    long started = System.nanoTime();
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.OTLP_SPANS.name()));
      while (seen < spans) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          for (var entry : SpanDecoder.summarize(record.value()).entrySet()) {
            windows.computeIfAbsent(entry.getKey(), key -> new SpanStats()).merge(entry.getValue());
            seen += entry.getValue().requests();
          }
        }
      }
    }
    return seen / ((System.nanoTime() - started) / 1e9);
  }

  private static double scoutTopology(KafkaBroker broker, long spans) throws Exception {
    AtomicLong seen = new AtomicLong();
    StreamsBuilder builder = new StreamsBuilder();
    SpanWindowTopology.windows(
            builder, Duration.ofSeconds(10), Duration.ofSeconds(2), seen::addAndGet)
        .foreach((key, window) -> {});
    Path state = Files.createTempDirectory("scout-bench-");
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "scout-benchmark");
    config.putAll(broker.clientConfig());
    config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
    long started = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
      streams.start();
      while (seen.get() < spans) {
        Thread.sleep(20);
      }
      double rate = seen.get() / ((System.nanoTime() - started) / 1e9);
      streams.close(Duration.ofSeconds(10));
      return rate;
    }
  }

  /** Realistic OTLP batches: three services, server and client spans, ~50 spans per record. */
  private static List<byte[]> batches(int count) {
    SplittableRandom random = new SplittableRandom(1);
    List<byte[]> batches = new ArrayList<>();
    String[] services = {"quote-service", "policy-service", "user-service"};
    for (int b = 0; b < count; b++) {
      var request = ExportTraceServiceRequest.newBuilder();
      BenchSpans.Builder spans = BenchSpans.builder(random);
      for (int s = 0; s < SPANS_PER_RECORD; s++) {
        spans.add(services[s % 3], s % 4 == 0, random.nextInt(100) < 2);
      }
      batches.add(spans.build(request));
    }
    return batches;
  }
}

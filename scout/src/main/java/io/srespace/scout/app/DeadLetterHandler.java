package io.srespace.scout.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.srespace.events.kafka.DeadLetter;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

/**
 * What Scout's streams do with a record they cannot read or process: it goes, with why and where
 * from, to its topic's dead-letter twin, and the stream goes on (Kafka Streams' default would stop
 * the client, and with it every detection). Kafka Streams makes one per stream thread from its
 * configuration ({@code deserialization.exception.handler} and {@code
 * processing.exception.handler}); they share one producer, logged in as Scout.
 *
 * <p>A record that fails inside Scout's own internal topics (a repartition) has no twin: it is
 * logged and counted as dropped; its original is still on the registry topic it came from.
 */
public final class DeadLetterHandler
    implements DeserializationExceptionHandler, ProcessingExceptionHandler {
  private static final Logger LOG = Logger.getLogger(DeadLetterHandler.class);
  private static final AtomicLong SENT = new AtomicLong();
  private static final AtomicLong DROPPED = new AtomicLong();
  private static final List<String> CLIENT_SETTINGS =
      List.of(
          CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
          CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
          SaslConfigs.SASL_MECHANISM,
          SaslConfigs.SASL_JAAS_CONFIG);
  private static KafkaProducer<byte[], byte[]> producer;

  private Map<String, Object> client = Map.of();
  private String consumer = "scout";

  /** Records sent to a dead-letter topic since this process started. */
  public static long sent() {
    return SENT.get();
  }

  /** Records that failed in an internal topic, logged and dropped. */
  public static long dropped() {
    return DROPPED.get();
  }

  @Override
  public void configure(Map<String, ?> configs) {
    Map<String, Object> settings = new HashMap<>();
    for (String key : CLIENT_SETTINGS) {
      if (configs.get(key) != null) {
        settings.put(key, configs.get(key));
      }
    }
    client = settings;
    Object application = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    consumer = application == null ? "scout" : application.toString();
  }

  @Override
  public DeserializationHandlerResponse handle(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    deadLetter(
        DeadLetter.of(
            record.topic(),
            record.partition(),
            record.offset(),
            exception,
            consumer,
            record.key(),
            record.value()));
    return DeserializationHandlerResponse.CONTINUE;
  }

  @Override
  public ProcessingHandlerResponse handle(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    deadLetter(
        DeadLetter.of(
            context.topic(),
            context.partition(),
            context.offset(),
            exception,
            consumer,
            bytes(record.key()),
            bytes(record.value())));
    return ProcessingHandlerResponse.CONTINUE;
  }

  private void deadLetter(DeadLetter letter) {
    if (Topics.named(letter.topic()).isEmpty()) {
      DROPPED.incrementAndGet();
      LOG.errorf(
          "dropped a record of internal topic %s (partition %d, offset %d): %s",
          letter.topic(), letter.partition(), letter.offset(), letter.reason());
      return;
    }
    try {
      producer(client).send(letter.toRecord()).get(10, TimeUnit.SECONDS);
      SENT.incrementAndGet();
      LOG.warnf(
          "a record of %s (partition %d, offset %d) went to %s.dlq: %s",
          letter.topic(), letter.partition(), letter.offset(), letter.topic(), letter.reason());
    } catch (Exception e) {
      // Losing it silently is the one thing not to do: say so loudly, and go on.
      DROPPED.incrementAndGet();
      LOG.errorf(
          e,
          "could not dead-letter a record of %s (partition %d, offset %d): %s",
          letter.topic(),
          letter.partition(),
          letter.offset(),
          letter.reason());
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static synchronized KafkaProducer<byte[], byte[]> producer(Map<String, Object> client) {
    if (producer == null) {
      Map<String, Object> config = new HashMap<>(client);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
      config.put(ProducerConfig.CLIENT_ID_CONFIG, "scout-dead-letters");
      producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  /** A key or value as bytes: as they are, or as the JSON the topic carries. */
  private static byte[] bytes(Object value) {
    if (value == null || value instanceof byte[]) {
      return (byte[]) value;
    }
    try {
      return EventJson.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
  }
}

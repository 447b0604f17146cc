package io.srespace.events.topics;

import io.srespace.events.AnomalyEvent;
import io.srespace.events.BusinessEvent;
import io.srespace.events.ChaosEvent;
import io.srespace.events.DeploymentEvent;
import io.srespace.events.DiagnosisEvent;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.IncidentEvent;
import io.srespace.events.MemoryEvent;
import io.srespace.events.PostmortemEvent;
import io.srespace.events.RemediationEvent;
import io.srespace.events.serde.EventSerde;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of DESIGN.md, each with one writer. Keys are the incident id or the service name, so
 * ordering holds per incident and per service. Immutable: nothing here can be changed at run time.
 */
public final class Topics {
  public static final Topic<byte[], byte[]> OTLP_SPANS = otlp("otlp_spans", 4);
  public static final Topic<byte[], byte[]> OTLP_METRICS = otlp("otlp_metrics", 2);
  public static final Topic<String, Event<BusinessEvent>> BUSINESS_EVENTS =
      events("business-events", BusinessEvent.class, 2, "service name", "demo-apps");
  public static final Topic<String, Event<DeploymentEvent>> DEPLOYMENTS =
      events("deployments", DeploymentEvent.class, 1, "service name", "fixer and deployers");
  public static final Topic<String, Event<ChaosEvent>> CHAOS_FAULTS =
      events("chaos.faults", ChaosEvent.class, 1, "service name", "demo-apps (evaluators only)");
  public static final Topic<String, Event<AnomalyEvent>> SCOUT_ANOMALIES =
      events("scout.anomalies", AnomalyEvent.class, 2, "service name", "scout");
  public static final Topic<String, Event<IncidentEvent>> SCOUT_INCIDENTS =
      events("scout.incidents", IncidentEvent.class, 2, "incident id", "scout");
  public static final Topic<String, Event<DiagnosisEvent>> BRAIN_DIAGNOSES =
      events("brain.diagnoses", DiagnosisEvent.class, 2, "incident id", "brain");
  public static final Topic<String, Event<RemediationEvent>> FIXER_ACTIONS =
      events("fixer.actions", RemediationEvent.class, 2, "incident id", "fixer");
  public static final Topic<String, Event<PostmortemEvent>> BRAIN_POSTMORTEMS =
      events("brain.postmortems", PostmortemEvent.class, 1, "incident id", "brain");
  public static final Topic<String, Event<MemoryEvent>> MEMORY_RECORDS =
      events("memory.records", MemoryEvent.class, 1, "incident id", "memory");

  private static final List<Topic<?, ?>> ALL =
      List.of(
          OTLP_SPANS,
          OTLP_METRICS,
          BUSINESS_EVENTS,
          DEPLOYMENTS,
          CHAOS_FAULTS,
          SCOUT_ANOMALIES,
          SCOUT_INCIDENTS,
          BRAIN_DIAGNOSES,
          FIXER_ACTIONS,
          BRAIN_POSTMORTEMS,
          MEMORY_RECORDS);

  private Topics() {}

  /** The topics of the design, in the order of the pipeline. */
  public static List<Topic<?, ?>> all() {
    return ALL;
  }

  /** Every topic of the design followed by its dead-letter topic: what a broker is created with. */
  public static List<Topic<?, ?>> allWithDeadLetters() {
    return ALL.stream().flatMap(topic -> Stream.of(topic, topic.deadLetters())).toList();
  }

  public static Optional<Topic<?, ?>> named(String name) {
    return allWithDeadLetters().stream().filter(topic -> topic.name().equals(name)).findFirst();
  }

  /** The event topic that carries a payload family. */
  public static Optional<Topic<?, ?>> carrying(Class<? extends EventPayload> type) {
    return ALL.stream()
        .filter(
            topic ->
                topic.valueSerde() instanceof EventSerde<?> serde
                    && serde.family().isAssignableFrom(type))
        .findFirst();
  }

  /** OTLP protobuf exactly as an OpenTelemetry Collector's kafka exporter writes it. */
  private static Topic<byte[], byte[]> otlp(String name, int partitions) {
    return new Topic<>(
        name,
        Serdes.ByteArray(),
        Serdes.ByteArray(),
        partitions,
        "none, or the trace id",
        "demo-apps, or any OpenTelemetry Collector");
  }

  private static <P extends EventPayload> Topic<String, Event<P>> events(
      String name, Class<P> family, int partitions, String key, String writer) {
    return new Topic<>(name, Serdes.String(), EventSerde.of(family), partitions, key, writer);
  }
}

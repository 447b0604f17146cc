package io.srespace.scout.incidents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyDetected;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code scout.anomalies} to {@code scout.incidents}: every anomaly goes to one correlator (they
 * are few), which keeps the open incidents in a state store and, on every tick of the wall clock,
 * opens the issue of each incident that has gathered its window and announces it, and clears the
 * incidents that have gone quiet.
 */
public final class IncidentTopology {
  static final String STORE = "open-incidents";
  private static final ObjectMapper JSON = EventJson.mapper();

  private IncidentTopology() {}

  public static void correlate(
      StreamsBuilder builder,
      IncidentCorrelator correlator,
      Duration tick,
      IncidentCorrelator.IssueOpener issues) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String()));
    Topic<String, Event<AnomalyEvent>> anomalies = Topics.SCOUT_ANOMALIES;
    Topic<String, Event<IncidentEvent>> incidents = Topics.SCOUT_INCIDENTS;
    builder.stream(anomalies.name(), Consumed.with(anomalies.keySerde(), anomalies.valueSerde()))
        .filter((service, anomaly) -> anomaly != null) // a tombstone carries no anomaly
        .selectKey((service, anomaly) -> "all")
        .repartition(
            Repartitioned.with(anomalies.keySerde(), anomalies.valueSerde())
                .withName("anomalies-together")
                .withNumberOfPartitions(1))
        .process(() -> new Correlate(correlator, tick, issues), STORE)
        .to(incidents.name(), Produced.with(incidents.keySerde(), incidents.valueSerde()));
  }

  private static final class Correlate
      implements Processor<String, Event<AnomalyEvent>, String, Event<IncidentEvent>> {
    private final IncidentCorrelator correlator;
    private final Duration tick;
    private final IncidentCorrelator.IssueOpener issues;
    private ProcessorContext<String, Event<IncidentEvent>> context;
    private KeyValueStore<String, String> store;

    Correlate(IncidentCorrelator correlator, Duration tick, IncidentCorrelator.IssueOpener issues) {
      this.correlator = correlator;
      this.tick = tick;
      this.issues = issues;
    }

    @Override
    public void init(ProcessorContext<String, Event<IncidentEvent>> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
      context.schedule(
          tick,
          PunctuationType.WALL_CLOCK_TIME,
          now -> {
            Map<String, OpenIncident> open = load();
            if (open.isEmpty()) {
              return;
            }
            Instant at = Instant.ofEpochMilli(now);
            List<IncidentCorrelator.Outcome> outcomes = correlator.onTick(open, at, issues);
            if (outcomes.isEmpty()) {
              return; // nothing announced or cleared: the store holds what it held
            }
            outcomes.forEach(outcome -> forward(outcome, at));
            save(open);
          });
    }

    @Override
    public void process(Record<String, Event<AnomalyEvent>> record) {
      if (!(record.value().data() instanceof AnomalyDetected detected)) {
        return;
      }
      Map<String, OpenIncident> open = load();
      Instant at = Instant.ofEpochMilli(context.currentSystemTimeMs());
      correlator.onAnomaly(open, detected.anomaly(), at).ifPresent(outcome -> forward(outcome, at));
      save(open);
    }

    private void forward(IncidentCorrelator.Outcome outcome, Instant at) {
      Event<IncidentEvent> event =
          Event.derived(
              key(outcome.event()),
              "scout",
              outcome.incidentId(),
              outcome.issue(),
              at,
              outcome.event());
      context.forward(new Record<>(outcome.incidentId(), event, at.toEpochMilli()));
    }

    /**
     * What makes an incident's event this one and no other: an incident opens and clears once; an
     * update is the anomalies and services it adds.
     */
    private static String key(IncidentEvent event) {
      if (event instanceof IncidentUpdated updated) {
        return updated.services()
            + "|"
            + updated.newAnomalies().stream().map(Anomaly::anomalyId).toList();
      }
      return "";
    }

    /** Writes back every open incident and forgets the ones the correlator let go. */
    private void save(Map<String, OpenIncident> open) {
      try (var stored = store.all()) {
        stored.forEachRemaining(
            entry -> {
              if (!open.containsKey(entry.key)) {
                store.delete(entry.key);
              }
            });
      }
      open.forEach((id, incident) -> store.put(id, write(incident)));
    }

    private Map<String, OpenIncident> load() {
      Map<String, OpenIncident> open = new HashMap<>();
      try (var all = store.all()) {
        all.forEachRemaining(entry -> open.put(entry.key, read(entry.value)));
      }
      return open;
    }
  }

  private static String write(OpenIncident incident) {
    try {
      return JSON.writeValueAsString(incident);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store incident " + incident.incidentId(), e);
    }
  }

  private static OpenIncident read(String json) {
    try {
      return JSON.readValue(json, OpenIncident.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot read a stored incident: " + e.getOriginalMessage(), e);
    }
  }
}

package io.srespace.console.kafka;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.srespace.console.charts.JourneySeries;
import io.srespace.console.charts.ServerSpans;
import io.srespace.console.charts.ServiceSeries;
import io.srespace.console.feed.AgentFeed;
import io.srespace.console.feed.Summaries;
import io.srespace.console.incidents.IncidentLedger;
import io.srespace.events.BusinessEvent;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.kafka.Undecoded;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * What the console reads from the bus, in its own consumer groups: every agent's events (the feed
 * and the incidents' timelines), the journey's events and the services' spans (the charts). It
 * writes nothing; a record it cannot read goes to the topic's dead letters with the reason, and a
 * tombstone is passed over.
 */
@ApplicationScoped
public class BusConsumers {
  private static final Logger LOG = Logger.getLogger(BusConsumers.class);

  private final AgentFeed feed;
  private final IncidentLedger incidents;
  private final JourneySeries journey;
  private final ServiceSeries services;

  public BusConsumers(
      AgentFeed feed, IncidentLedger incidents, JourneySeries journey, ServiceSeries services) {
    this.feed = feed;
    this.incidents = incidents;
    this.journey = journey;
    this.services = services;
  }

  @Incoming("anomalies")
  @Incoming("incidents")
  @Incoming("diagnoses")
  @Incoming("actions")
  @Incoming("postmortems")
  @Incoming("deployments")
  @Incoming("memory")
  public void agentEvent(Event<EventPayload> event, IncomingKafkaRecordMetadata<?, ?> record) {
    if (!Undecoded.isEvent(event, record.getHeaders())) {
      return;
    }
    if (event.incidentId() != null) {
      MDC.put("incidentId", event.incidentId());
    }
    try {
      incidents.record(event);
      feed.publish(Summaries.item(event));
      LOG.debugf("%s from %s: %s", event.type(), event.source(), event.eventId());
    } finally {
      MDC.remove("incidentId");
    }
  }

  @Incoming("journey")
  public void journey(Event<BusinessEvent> event, IncomingKafkaRecordMetadata<?, ?> record) {
    if (Undecoded.isEvent(event, record.getHeaders())) {
      journey.record(event.occurredAt(), event.data());
    }
  }

  @Incoming("spans")
  public void spans(byte[] export, IncomingKafkaRecordMetadata<?, ?> record) {
    if (!Undecoded.isEvent(export, record.getHeaders())) {
      return;
    }
    for (ServerSpans.Request request : ServerSpans.read(export)) {
      services.record(request.service(), request.end(), request.millis(), request.failed());
    }
  }
}

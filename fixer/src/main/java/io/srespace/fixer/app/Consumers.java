package io.srespace.fixer.app;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.srespace.events.DiagnosisEvent;
import io.srespace.events.Event;
import io.srespace.events.IncidentEvent;
import io.srespace.events.kafka.Undecoded;
import io.srespace.fixer.flow.RemediationFlow;
import io.srespace.fixer.verify.IncidentsSeen;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.MDC;

/** Fixer's two inputs: Brain's diagnoses to act on, and Scout's word on each incident. */
@ApplicationScoped
public class Consumers {
  private final RemediationFlow flow;
  private final IncidentsSeen incidents;

  public Consumers(RemediationFlow flow, IncidentsSeen incidents) {
    this.flow = flow;
    this.incidents = incidents;
  }

  @Incoming("diagnoses")
  @Blocking
  public void onDiagnosis(Event<DiagnosisEvent> event, IncomingKafkaRecordMetadata<?, ?> record)
      throws InterruptedException {
    if (!Undecoded.isEvent(event, record.getHeaders())) {
      return;
    }
    MDC.put("incidentId", event.incidentId());
    try {
      flow.onDiagnosis(event);
    } finally {
      MDC.remove("incidentId");
    }
  }

  @Incoming("incidents")
  public void onIncident(Event<IncidentEvent> event, IncomingKafkaRecordMetadata<?, ?> record) {
    if (Undecoded.isEvent(event, record.getHeaders())) {
      incidents.record(event);
    }
  }
}
